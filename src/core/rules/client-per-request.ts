/** client-per-request: creating a client (and a connection pool) inside a request handler or loop. */
import type { FileModel, FunctionInfo } from '../analysis/model';
import { positionAt, spanFromOffsets } from '../analysis/spans';
import type { ClientCreation, Rule } from './rule';
import { callFromRequest, requestScopes, type RequestScopes } from './support/requestScopes';
import { IMPORT_IOREDIS } from './exampleImports';

/** True when the creation depends on per-iteration values (a host per node), not only constants or env lookups. */
function argumentsVary(creation: ClientCreation): boolean {
  const values = [...creation.args, ...Object.values(creation.options)].filter((arg) => arg.value.kind !== 'object');
  return values.some((arg) => ['name', 'unknown', 'pattern'].includes(arg.value.kind) && !/^(process\.env|os\.environ|os\.getenv|settings\.|config\.)/.test(arg.text));
}

export const clientPerRequest: Rule = {
  meta: {
    id: 'client-per-request',
    code: 'RR202',
    category: 'reliability',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    subject: 'clients',
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      handler: '{{factory}} creates a new Redis client on every call of the handler {{function}}: a TCP{{tls}} handshake and AUTH each time{{pool}}, and sockets that leak unless closed. Create the client once at module level and reuse it.',
      indirect: '{{factory}} creates a new Redis client on every call of {{function}}, and {{how}}: a TCP{{tls}} handshake and AUTH per request{{pool}}, and sockets that leak unless closed. Create the client once at module or application scope and reuse it.',
      loop: '{{factory}} creates a new Redis client on every iteration of this loop; create it once before the loop and reuse it.',
    },
    docs: {
      summary: 'Creating Redis clients per request or per iteration exhausts connections.',
      what: 'Reports client construction (redis.Redis/from_url/RedisCluster, new Redis/Cluster, createClient/createCluster) inside code that runs per request — request handlers (route-decorated functions, Express-style callbacks, functions taking req/res), callbacks nested in them, per-connection callbacks (`wss.on(\'connection\', …)`), FastAPI dependencies (`Depends(get_conn)`), and helpers of the same file that such code calls — or inside loops, unless the client is stored on self/this.',
      why: 'Each client opens its own connection (redis-py: its own connection pool): TCP, TLS and AUTH/HELLO handshakes on every request, connection storms against maxclients, and sockets leaking when the client is not closed.',
      examples: [
        { client: 'redis-py', file: 'app/api.py', bad: 'import redis\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/count")\ndef count():\n    r = redis.Redis(host="localhost")\n    return r.incr("hits")\n', good: 'import redis\nfrom fastapi import FastAPI\n\napp = FastAPI()\nr = redis.Redis(host="localhost")\n\n@app.get("/count")\ndef count():\n    return r.incr("hits")\n' },
        { client: 'ioredis', file: 'src/api.ts', bad: IMPORT_IOREDIS + "import express from 'express';\n\nconst app = express();\napp.get('/count', async (req, res) => {\n  const redis = new Redis();\n  redis.on('error', console.error);\n  res.json(await redis.incr('hits'));\n});\n", good: IMPORT_IOREDIS + "import express from 'express';\n\nconst app = express();\nconst redis = new Redis();\nredis.on('error', console.error);\napp.get('/count', async (req, res) => {\n  res.json(await redis.incr('hits'));\n});\n" },
        { client: 'node-redis', file: 'src/api.ts', bad: "import { createClient } from 'redis';\nimport express from 'express';\n\nconst app = express();\napp.post('/hit', async (req, res) => {\n  const client = await createClient().on('error', console.error).connect();\n  res.json(await client.incr('hits'));\n});\n", good: "import { createClient } from 'redis';\nimport express from 'express';\n\nconst app = express();\nconst client = await createClient().on('error', console.error).connect();\napp.post('/hit', async (req, res) => {\n  res.json(await client.incr('hits'));\n});\n" },
      ],
      fix: 'Hoist the client to module or application scope (or dependency injection) and reuse it; redis-py clients are thread-safe and pool connections, ioredis and node-redis multiplex one connection.',
      falsePositives: 'Clients created in constructors and stored on self/this, factories that return the client, `duplicate()` for subscribers, lazily created shared clients (assigned to a module variable or a `global`), `@lru_cache`d factories and redis-py clients over a shared `connection_pool` are not reported. Serverless handlers should cache the client in a global.',
      references: [
        { title: 'redis-py: connection pools', url: 'https://redis.readthedocs.io/en/stable/connections.html' },
        { title: 'Azure Cache for Redis: reuse connections', url: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-best-practices-development' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    let scopes: RequestScopes | undefined;
    for (const creation of model.creations) {
      if (creation.moduleLevel || !creation.enclosingFunction || creation.factory === 'duplicate' || creation.factory === 'master_for' || creation.factory === 'slave_for') continue;
      if (creation.kind === 'sentinel') continue;
      if (creation.binding?.startsWith('this.') || (creation.escapes && !creation.binding)) continue;
      // redis-py clients over a shared pool borrow its connections: creating one is cheap.
      if (creation.options.connection_pool) continue;
      // `if (!client) client = new Redis()` on a module variable, or `global _client`: created once, then reused.
      if (assignsOuterVariable(model, creation)) continue;
      const data = {
        factory: creation.factory,
        function: creation.enclosingFunction.name,
        tls: /rediss:|tls|ssl/i.test(creation.args.map((a) => a.text).join(' ') + Object.keys(creation.options).join(' ')) ? '/TLS' : '',
        pool: creation.library === 'redis-py' && creation.kind !== 'pool' ? ' (and a whole new connection pool)' : '',
      };
      if (creation.loop) {
        // One client per host while iterating over hosts is legitimate: only constant arguments make it waste.
        if (!argumentsVary(creation)) context.report({ messageId: 'loop', data, span: creation.span });
        continue;
      }
      if (creation.enclosingFunction.isRequestHandler) {
        context.report({ messageId: 'handler', data, span: creation.span });
        continue;
      }
      if (cachedByDecorator(model, creation.enclosingFunction)) continue;
      scopes ??= requestScopes(model, [...model.callSites, ...model.creations].map((site) => site.enclosingFunction).filter((f): f is FunctionInfo => f !== undefined));
      if (model.language === 'python' && (scopes.dependencies.has(creation.enclosingFunction.name) || yieldsAsDependency(model, creation))) {
        context.report({ messageId: 'indirect', data: { ...data, how: 'FastAPI calls it for every request that depends on it' }, span: creation.span });
        continue;
      }
      const call = callFromRequest(model, scopes, creation.enclosingFunction);
      if (call !== undefined) {
        context.report({
          messageId: 'indirect',
          data: { ...data, how: `a request handler calls it on line ${positionAt(model.text, call).line + 1}` },
          span: creation.span,
          related: [{ span: spanFromOffsets(model.text, call, call + creation.enclosingFunction.name.length), message: `called per request here` }],
        });
      }
    }
  },
};

/** The creation is assigned to a variable declared outside its function (a lazily created shared client). */
function assignsOuterVariable(model: FileModel, creation: ClientCreation): boolean {
  const binding = creation.binding;
  const fn = creation.enclosingFunction;
  if (!binding || !fn || !/^[A-Za-z_$][\w$]*$/.test(binding)) return false;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  const name = binding.replace(/\$/g, '\\$');
  if (model.language === 'python') return new RegExp(`^[ \\t]*(global|nonlocal)[ \\t]+[\\w, \\t]*\\b${name}\\b`, 'm').test(body);
  if (new RegExp(`\\b(const|let|var)\\s+${name}\\b|\\b(const|let|var)\\s*\\{[^}]*\\b${name}\\b`).test(body)) return false;
  // Not declared in the function: a parameter is local too.
  const head = body.slice(0, body.search(/=>|\{/) + 1);
  return !new RegExp(`[(,]\\s*${name}\\b`).test(head);
}

/** A generator in a FastAPI module that yields the client it creates: the shape of a per-request dependency. */
function yieldsAsDependency(model: FileModel, creation: ClientCreation): boolean {
  const fn = creation.enclosingFunction;
  if (!fn || !creation.binding || !/^\s*(from\s+fastapi\b|import\s+fastapi\b)/m.test(model.text)) return false;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  return new RegExp(`\\byield\\s+${creation.binding.replace(/\./g, '\\.')}\\s*($|\\n|#)`, 'm').test(body);
}

/** `@lru_cache` / `@cache` / `@functools.cache` on the function: it returns the same client every time. */
function cachedByDecorator(model: FileModel, fn: FunctionInfo): boolean {
  if (model.language !== 'python') return false;
  const before = model.text.slice(Math.max(0, fn.span.startOffset - 300), fn.span.startOffset).split('\n');
  for (let i = before.length - 2; i >= 0; i--) {
    const line = before[i].trim();
    if (!line.startsWith('@')) break;
    if (/^@(functools\.)?(lru_cache|cache)\b|^@\w*cache/i.test(line)) return true;
  }
  return false;
}
