/** client-per-request: creating a client (and a connection pool) inside a request handler or loop. */
import type { ClientCreation, Rule } from './rule';
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
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      handler: '{{factory}} creates a new Redis client on every call of the handler {{function}}: a TCP{{tls}} handshake and AUTH each time{{pool}}, and sockets that leak unless closed. Create the client once at module level and reuse it.',
      loop: '{{factory}} creates a new Redis client on every iteration of this loop; create it once before the loop and reuse it.',
    },
    docs: {
      summary: 'Creating Redis clients per request or per iteration exhausts connections.',
      what: 'Reports client construction (redis.Redis/from_url/RedisCluster, new Redis/Cluster, createClient/createCluster) inside request handlers (route-decorated functions, Express-style callbacks, functions taking req/res) or loops, unless the client is stored on self/this.',
      why: 'Each client opens its own connection (redis-py: its own connection pool): TCP, TLS and AUTH/HELLO handshakes on every request, connection storms against maxclients, and sockets leaking when the client is not closed.',
      examples: [
        { client: 'redis-py', file: 'app/api.py', bad: 'import redis\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/count")\ndef count():\n    r = redis.Redis(host="localhost")\n    return r.incr("hits")\n', good: 'import redis\nfrom fastapi import FastAPI\n\napp = FastAPI()\nr = redis.Redis(host="localhost")\n\n@app.get("/count")\ndef count():\n    return r.incr("hits")\n' },
        { client: 'ioredis', file: 'src/api.ts', bad: IMPORT_IOREDIS + "import express from 'express';\n\nconst app = express();\napp.get('/count', async (req, res) => {\n  const redis = new Redis();\n  redis.on('error', console.error);\n  res.json(await redis.incr('hits'));\n});\n", good: IMPORT_IOREDIS + "import express from 'express';\n\nconst app = express();\nconst redis = new Redis();\nredis.on('error', console.error);\napp.get('/count', async (req, res) => {\n  res.json(await redis.incr('hits'));\n});\n" },
        { client: 'node-redis', file: 'src/api.ts', bad: "import { createClient } from 'redis';\nimport express from 'express';\n\nconst app = express();\napp.post('/hit', async (req, res) => {\n  const client = await createClient().on('error', console.error).connect();\n  res.json(await client.incr('hits'));\n});\n", good: "import { createClient } from 'redis';\nimport express from 'express';\n\nconst app = express();\nconst client = await createClient().on('error', console.error).connect();\napp.post('/hit', async (req, res) => {\n  res.json(await client.incr('hits'));\n});\n" },
      ],
      fix: 'Hoist the client to module or application scope (or dependency injection) and reuse it; redis-py clients are thread-safe and pool connections, ioredis and node-redis multiplex one connection.',
      falsePositives: 'Clients created in constructors and stored on self/this, factories that return the client, and `duplicate()` for subscribers are not reported. Serverless handlers should cache the client in a global.',
      references: [
        { title: 'redis-py: connection pools', url: 'https://redis.readthedocs.io/en/stable/connections.html' },
        { title: 'Azure Cache for Redis: reuse connections', url: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-best-practices-development' },
      ],
    },
  },
  check(context) {
    for (const creation of context.model.creations) {
      if (creation.moduleLevel || !creation.enclosingFunction || creation.factory === 'duplicate' || creation.factory === 'master_for' || creation.factory === 'slave_for') continue;
      if (creation.kind === 'sentinel') continue;
      if (creation.binding?.startsWith('this.') || (creation.escapes && !creation.binding)) continue;
      const data = {
        factory: creation.factory,
        function: creation.enclosingFunction.name,
        tls: /rediss:|tls|ssl/i.test(creation.args.map((a) => a.text).join(' ') + Object.keys(creation.options).join(' ')) ? '/TLS' : '',
        pool: creation.library === 'redis-py' && creation.kind !== 'pool' ? ' (and a whole new connection pool)' : '',
      };
      if (creation.loop) {
        // One client per host while iterating over hosts is legitimate: only constant arguments make it waste.
        if (!argumentsVary(creation)) context.report({ messageId: 'loop', data, span: creation.span });
      }
      else if (creation.enclosingFunction.isRequestHandler) context.report({ messageId: 'handler', data, span: creation.span });
    }
  },
};
