/** lua-undeclared-keys: scripts must receive every key they touch through KEYS. */
import type { Rule } from './rule';
import { scriptSources } from './support/scripts';
import { IMPORT_IOREDIS } from './exampleImports';

const KEYLESS = new Set(['TIME', 'INFO', 'PING', 'ECHO', 'DBSIZE', 'RANDOMKEY', 'PUBLISH', 'SPUBLISH', 'CONFIG', 'CLUSTER', 'SCRIPT', 'FUNCTION', 'CLIENT', 'SELECT', 'SWAPDB', 'LASTSAVE', 'ROLE', 'COMMAND', 'MEMORY', 'SLOWLOG', 'SCAN', 'KEYS', 'FLUSHALL', 'FLUSHDB']);
const CALL = /redis\.p?call\(\s*(['"])([A-Za-z]+)\1\s*(?:,\s*([^,)]+))?/g;

export const luaUndeclaredKeys: Rule = {
  meta: {
    id: 'lua-undeclared-keys',
    code: 'RR402',
    category: 'cluster',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'lower', script: 'keep' },
    clusterAware: true,
    messages: {
      undeclared: "The script passed to {{via}} calls {{command}} on {{key}}, a key it builds itself instead of receiving it in KEYS: Redis Cluster cannot route or slot-check it. Pass every key as KEYS[n] (with a shared {hash tag}).",
    },
    docs: {
      summary: 'Lua scripts that touch keys not passed in KEYS break in Cluster.',
      what: 'Parses literal Lua scripts given to EVAL, SCRIPT LOAD, register_script and defineCommand and reports redis.call/pcall whose key argument is not `KEYS[n]` (for example `KEYS[1] .. ":meta"` or `"prefix:" .. ARGV[1]`). Severity is raised to error when `"cluster": true`.',
      why: 'Redis requires scripts to declare every key they access as KEYS arguments: Cluster routes the script by those keys and rejects access to other slots; scripts with a `#!lua` shebang refuse undeclared cross-slot access even outside Cluster.',
      examples: [
        { client: 'redis-py', file: 'app/profile.py', bad: 'import redis\n\nr = redis.Redis()\nTOUCH = r.register_script("""\nredis.call("SET", KEYS[1], ARGV[1])\nredis.call("INCR", KEYS[1] .. ":version")\n""")\n', good: 'import redis\n\nr = redis.Redis()\nTOUCH = r.register_script("""\nredis.call("SET", KEYS[1], ARGV[1])\nredis.call("INCR", KEYS[2])\n""")\n' },
        { client: 'ioredis', file: 'src/profile.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\nredis.defineCommand('touch', { numberOfKeys: 1, lua: \"return redis.call('INCR', 'version:' .. ARGV[1])\" });\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\nredis.defineCommand('touch', { numberOfKeys: 1, lua: \"return redis.call('INCR', KEYS[1])\" });\n" },
        { client: 'node-redis', file: 'src/profile.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function touch(id: string) {\n  return client.eval(\"return redis.call('INCR', 'version:' .. ARGV[1])\", { arguments: [id] });\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function touch(id: string) {\n  return client.eval(\"return redis.call('INCR', KEYS[1])\", { keys: [`version:${id}`] });\n}\n" },
      ],
      fix: 'Pass every key the script touches as KEYS[n] and give related keys a common hash tag (`{user:42}:profile`, `{user:42}:version`) so they live in one slot.',
      falsePositives: 'Standalone deployments tolerate undeclared keys (the rule stays a warning); scripts calling keyless commands (TIME, INFO) are not reported.',
      references: [
        { title: 'Scripting: keys and arguments', url: 'https://redis.io/docs/latest/develop/interact/programmability/eval-intro/' },
        { title: 'Cluster spec: hash tags', url: 'https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/' },
      ],
    },
  },
  check(context) {
    for (const source of scriptSources(context)) {
      // Dynamic scripts are checked on their constant parts (unknown parts read as `*`).
      const value = source.arg.value;
      if (value.kind !== 'string' && value.kind !== 'pattern') continue;
      const lua = value.kind === 'string' ? value.value : value.pattern;
      CALL.lastIndex = 0;
      for (let match = CALL.exec(lua); match; match = CALL.exec(lua)) {
        const command = match[2].toUpperCase();
        const key = match[3]?.trim();
        if (!key || KEYLESS.has(command) || /^KEYS\[\s*\w+\s*\]$/.test(key)) continue;
        context.report({
          messageId: 'undeclared',
          data: { via: source.via, command, key: key.length > 40 ? `${key.slice(0, 37)}...` : key },
          span: source.arg.span,
          severity: context.config.cluster ? 'error' : undefined,
        });
        break;
      }
    }
  },
};
