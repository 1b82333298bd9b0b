/** lua-undeclared-keys: scripts must receive every key they touch through KEYS. */
import type { Rule } from './rule';
import { resolvedArg } from './support/constants';
import { scriptFromFile } from './support/scriptFiles';
import { scriptSources, type ScriptSource } from './support/scripts';
import type { Arg } from '../analysis/model';
import type { Span } from '../findings';
import { IMPORT_IOREDIS } from './exampleImports';

const KEYLESS = new Set(['EVALSHA', 'EVAL', 'EVALSHA_RO', 'EVAL_RO', 'FCALL', 'FCALL_RO', 'XREAD', 'XREADGROUP', 'XGROUP', 'XINFO', 'OBJECT', 'BITOP', 'WAIT', 'DEBUG', 'LATENCY', 'ACL', 'HELLO', 'AUTH', 'READONLY', 'TIME', 'INFO', 'PING', 'ECHO', 'DBSIZE', 'RANDOMKEY', 'PUBLISH', 'SPUBLISH', 'CONFIG', 'CLUSTER', 'SCRIPT', 'FUNCTION', 'CLIENT', 'SELECT', 'SWAPDB', 'LASTSAVE', 'ROLE', 'COMMAND', 'MEMORY', 'SLOWLOG', 'SCAN', 'KEYS', 'FLUSHALL', 'FLUSHDB']);
const CALL = /redis\.p?call\(\s*(['"])([A-Za-z]+)\1\s*(?:,\s*([^,)]+))?/g;

/** `KEYS[1]`, `KEYS[i]`, `KEYS[#KEYS]`, `KEYS[i + 1]`: an element of the declared keys. */
const DECLARED_KEY = /^KEYS\[[^\[\]]+\]$/;

/** `keys[2]` where `local keys = KEYS`. */
function aliasedElement(key: string, aliases: ReadonlySet<string>): boolean {
  const element = /^([A-Za-z_]\w*)\[[^\[\]]+\]$/.exec(key);
  return !!element && aliases.has(element[1]);
}

/** Locals that only alias declared keys: `local bucket = KEYS[1]`, `local src, dst = KEYS[1], KEYS[2]`. */
function keyAliases(lua: string): Set<string> {
  const aliases = new Set<string>();
  const declaration = /\blocal\s+([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=\s*([^\n;]+)/g;
  for (let match = declaration.exec(lua); match; match = declaration.exec(lua)) {
    const names = match[1].split(',').map((n) => n.trim());
    const values = match[2].replace(/--.*$/, '').split(',').map((v) => v.trim());
    names.forEach((name, i) => {
      if (values[i] !== undefined && (DECLARED_KEY.test(values[i]) || values[i] === 'KEYS')) aliases.add(name);
    });
  }
  // Loop variables over the declared keys: `for _, key in ipairs(KEYS) do`.
  for (const match of lua.matchAll(/\bfor\s+\w+\s*,\s*([A-Za-z_]\w*)\s+in\s+i?pairs\(\s*KEYS\s*\)/g)) aliases.add(match[1]);
  // An alias assigned anything else later is no longer a declared key.
  const withoutDeclarations = lua.replace(/\blocal\s+[A-Za-z_][\w\s,]*=/g, 'local =');
  for (const name of [...aliases]) if (new RegExp(`(^|[^\\w.])${name}\\s*=(?!=)`).test(withoutDeclarations)) aliases.delete(name);
  return aliases;
}

/**
 * `redis.call('SET', unpack(args))` where `local args = {key, owner, 'NX'}` and `key` is a declared key: the
 * arguments are assembled in a table whose first element, the key, comes from KEYS.
 */
function spreadsDeclaredKey(lua: string, key: string, aliases: ReadonlySet<string>): boolean {
  const table = /^(?:table\.)?unpack\(\s*([A-Za-z_]\w*)/.exec(key)?.[1];
  if (!table) return false;
  const first = new RegExp(`\\b${table}\\s*=\\s*\\{\\s*([^,}\\s]+)`).exec(lua)?.[1];
  return first !== undefined && (DECLARED_KEY.test(first) || aliases.has(first) || aliasedElement(first, aliases));
}

type Context = Parameters<Rule['check']>[0];

/** Reports the first redis.call/pcall whose key is not declared in KEYS; true when it reported. */
function reportUndeclaredKey(context: Context, lua: string, via: string, span: Span): boolean {
  const aliases = keyAliases(lua);
  CALL.lastIndex = 0;
  for (let match = CALL.exec(lua); match; match = CALL.exec(lua)) {
    const command = match[2].toUpperCase();
    const key = match[3]?.trim();
    if (!key || KEYLESS.has(command) || DECLARED_KEY.test(key) || aliases.has(key) || aliasedElement(key, aliases) || spreadsDeclaredKey(lua, key, aliases)) continue;
    context.report({
      messageId: 'undeclared',
      data: { via, command, key: key.length > 40 ? `${key.slice(0, 37)}...` : key },
      span,
      severity: context.config.cluster ? 'error' : undefined,
    });
    return true;
  }
  return false;
}

/** A key pattern passed as an argument: `"user:*"`, f"{prefix}:*". */
function isKeyPattern(arg: Arg): boolean {
  const text = arg.value.kind === 'string' ? arg.value.value : arg.value.kind === 'pattern' ? arg.value.pattern : undefined;
  return text !== undefined && /[*?]/.test(text) && /^[\w{}*:.\-]+$/.test(text) && /[:{]/.test(text);
}

/**
 * EVAL with numkeys 0 and a key pattern in ARGV, whose script runs SCAN MATCH / KEYS on that argument: it reaches
 * keys it was never given (only one node's keys in Cluster).
 */
function reportPatternScan(context: Context, lua: string, via: string, source: ScriptSource): void {
  if (source.numberOfKeys !== 0) return;
  const argv = source.scriptArgs;
  const index = argv.findIndex(isKeyPattern);
  if (index < 0) return;
  const scan = new RegExp(`redis\\.p?call\\(\\s*(['"])(SCAN|KEYS)\\1[^)]*ARGV\\[\\s*${index + 1}\\s*\\]`, 'i').exec(lua);
  if (!scan) return;
  context.report({
    messageId: 'patternScan',
    data: { via, command: scan[2].toUpperCase(), pattern: argv[index].text.length > 40 ? `${argv[index].text.slice(0, 37)}...` : argv[index].text },
    span: source.arg.span,
    severity: context.config.cluster ? 'error' : undefined,
  });
}

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
      patternScan: 'The script passed to {{via}} gets no keys (numkeys 0) but the key pattern {{pattern}} as an argument and runs {{command}} on it: it reaches keys it was never given, which Redis Cluster cannot route (it sees one node\'s keys only). Pass the keys in KEYS (with a shared {hash tag}), or scan from the client on each node.',
    },
    docs: {
      summary: 'Lua scripts that touch keys not passed in KEYS break in Cluster.',
      what: 'Parses literal Lua scripts given to EVAL, SCRIPT LOAD, register_script and defineCommand (inline, or held in a module-level constant or a local of the same file) and reports redis.call/pcall whose key argument is not `KEYS[n]` or a local that aliases one (`local bucket = KEYS[1]`, `for _, key in ipairs(KEYS)`, `local keys = KEYS`), for example `KEYS[1] .. ":meta"` or `"prefix:" .. ARGV[1]`. Scripts kept in `.lua` files of the workspace are read too when the code loads them with a path built from literals relative to the source file: Python `open(p).read()` (also `with open(p) as f: ... f.read()`), `Path(p).read_text()`, `pkgutil.get_data(__name__, "x.lua")`, `importlib.resources`, `pkg_resources.resource_string`; JS `fs.readFileSync(p, "utf8")` / `readFile(p)`; with `p` from `__file__` (`Path(__file__).parent`, `.parents[n]`, `os.path.dirname(__file__)`), `__dirname`, `new URL("./x.lua", import.meta.url)`, a package name, or the working directory, possibly through module constants (`LUA_DIR / "x.lua"`); the text read may be passed inline or held in a constant, a local (also of a function that registers it with register_script on a client it was handed, or of module-level code in a block such as `if __name__ == "__main__":`), or a self/this attribute or class field assigned once; later edits of the same name (`lua = lua.replace(...)`) are read as part of it. The CLI and the editor hand the `.lua` files they find in the project to the review; the CLI also reads a `.lua` file outside the linted folder that the code names by a literal path going up (`readFileSync(\'../lua/x.lua\')` in one package of a monorepo). A path built from settings is not followed. It also reports EVAL with numkeys 0 that passes a key pattern (`"user:*"`) in ARGV to a script running SCAN MATCH or KEYS on it. Severity is raised to error when `"cluster": true`.',
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
    // The same constant registered twice (on a class and on a module global) is one script: one finding.
    const registered = new Set<number>();
    for (const source of scriptSources(context)) {
      // Dynamic scripts are checked on their constant parts (unknown parts read as `*`).
      // A script held in a module constant is read from the constant; the finding stays at the call.
      const resolved = resolvedArg(context.model, source.arg, source.scope) ?? source.arg;
      if (source.via === 'register_script' && resolved !== source.arg) {
        if (registered.has(resolved.span.startOffset)) continue;
        registered.add(resolved.span.startOffset);
      }
      const value = resolved.value;
      let lua: string;
      let via = source.via;
      if (value.kind === 'string' || value.kind === 'pattern') lua = value.kind === 'string' ? value.value : value.pattern;
      else {
        // A script read from a .lua file of the workspace (directly or through the name holding it).
        const file = scriptFromFile(context, source.arg, source.scope);
        if (!file) continue;
        lua = file.lua;
        via = `${source.via} (read from ${file.path})`;
      }
      // Reported at the method name (`defineCommand`, `eval`), where a reviewer reads the call, not at the
      // `lua:` option or script argument that may sit lines below it.
      if (!reportUndeclaredKey(context, lua, via, source.span)) reportPatternScan(context, lua, via, source);
    }
  },
};
