/** eval-dynamic-script: Lua source built at run time fills the script cache and invites injection. */
import type { Rule } from './rule';
import { scriptFromFile } from './support/scriptFiles';
import { scriptSources } from './support/scripts';
import { joinedInCall, locallyBuiltScript } from './support/builtScripts';
import { builtByFileFunction } from './support/scriptBuilders';
import { IMPORT_IOREDIS } from './exampleImports';

export const evalDynamicScript: Rule = {
  meta: {
    id: 'eval-dynamic-script',
    code: 'RR401',
    category: 'security',
    defaultSeverity: 'error',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'lower', script: 'lower' },
    messages: {
      dynamic: 'The Lua script passed to {{via}} is built from runtime values: every variant is cached as a new script on the server (memory grows without bound) and interpolated data can inject Lua. Keep the script constant and pass values through KEYS and ARGV.',
    },
    docs: {
      summary: 'Lua scripts assembled with f-strings/templates/concatenation leak script cache memory and allow injection.',
      what: 'Reports EVAL, SCRIPT LOAD, register_script and defineCommand calls whose script text is an f-string, template literal, `%`/`.format()` string or concatenation with non-constant parts, written in the call or in a local of the function assigned once before it (`lua = f\"...{limit}...\"` then `r.eval(lua, 1, key)`, or grown with `lua += ...`); a name assigned at module level is built once at startup and is not reported. A script joined from runtime items is reported too: a comprehension or generator (`"\\n".join(f"...{i}..." for i in ids)`), a `.map(...)` over an array (`fields.map((f) => "..." + f).join("\\n")`), or a list the function fills itself (`lines.push(...)`, then `lines.join("\\n")`), in the call or through a local; a join of literal lines or of a constant list is not. A script returned by a function of the same file that builds it from its parameters (`def build(n): return f"...{n}..."`, or an arrow function returning a template literal), passed as a call with arguments (`r.eval(build(n), 1, k)`), is reported too. A script read from a `.lua` file of the workspace (see lua-undeclared-keys for the file reads it follows) is reported when the text read is then changed with runtime values: `.format(...)`, `% args`, `.replace(placeholder, value)` with a non-literal value, or concatenation. A file read as is counts as a constant script.',
      why: 'Redis caches every distinct script body it sees (by SHA1) until SCRIPT FLUSH or restart, so per-call variants grow memory without bound. Interpolating user data into Lua source is code injection.',
      examples: [
        { client: 'redis-py', file: 'app/limits.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef bump(key, by):\n    return r.eval(f"return redis.call(\'INCRBY\', KEYS[1], {by})", 1, key)\n', good: 'import redis\n\nr = redis.Redis()\nBUMP = r.register_script("return redis.call(\'INCRBY\', KEYS[1], ARGV[1])")\n\ndef bump(key, by):\n    return BUMP(keys=[key], args=[by])\n' },
        { client: 'ioredis', file: 'src/limits.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function bump(key: string, by: number) {\n  return redis.eval(`return redis.call('INCRBY', KEYS[1], ${by})`, 1, key);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function bump(key: string, by: number) {\n  return redis.eval(\"return redis.call('INCRBY', KEYS[1], ARGV[1])\", 1, key, by);\n}\n" },
        { client: 'node-redis', file: 'src/limits.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function bump(key: string, by: number) {\n  return client.eval(\"return redis.call('INCRBY', KEYS[1], \" + by + ')', { keys: [key] });\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function bump(key: string, by: number) {\n  return client.eval(\"return redis.call('INCRBY', KEYS[1], ARGV[1])\", { keys: [key], arguments: [String(by)] });\n}\n" },
      ],
      fix: 'Make the script text a constant, pass keys in KEYS and values in ARGV, and load it once: redis-py `register_script`, ioredis `defineCommand`, node-redis `defineScript`. Redis 7 Functions are an alternative for shared logic.',
      falsePositives: 'Scripts assembled once at startup from constant fragments; keep them in a module-level constant to avoid the report.',
      references: [
        { title: 'Scripting with Lua: script parameterization', url: 'https://redis.io/docs/latest/develop/interact/programmability/eval-intro/' },
        { title: 'EVAL', url: 'https://redis.io/docs/latest/commands/eval/' },
      ],
    },
  },
  check(context) {
    for (const source of scriptSources(context)) {
      if (source.arg.value.kind === 'pattern') {
        context.report({ messageId: 'dynamic', data: { via: source.via }, span: source.arg.span });
        continue;
      }
      // A script the function builds in a local from runtime values, then passes by name.
      // Or one a builder function of this file returns, called with runtime arguments (`r.eval(build(n), 1, k)`).
      if (locallyBuiltScript(context.model, source.arg, source.scope) || joinedInCall(context.model, source.arg, source.scope) || builtByFileFunction(context.model, source.arg)) {
        context.report({ messageId: 'dynamic', data: { via: source.via }, span: source.arg.span });
        continue;
      }
      // A script read from a .lua file of the workspace, then formatted or filled in with runtime values.
      const file = scriptFromFile(context, source.arg, source.scope);
      if (file?.templated) context.report({ messageId: 'dynamic', data: { via: `${source.via} (read from ${file.path})` }, span: source.arg.span });
    }
  },
};
