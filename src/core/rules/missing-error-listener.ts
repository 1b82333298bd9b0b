/** missing-error-listener: node-redis exits the process on an unhandled 'error'; ioredis only logs it. */
import type { Rule } from './rule';
import { fix, insertAt } from './support/edits';
import { IMPORT_IOREDIS } from './exampleImports';

export const missingErrorListener: Rule = {
  meta: {
    id: 'missing-error-listener',
    code: 'RR203',
    category: 'reliability',
    defaultSeverity: 'error',
    languages: ['javascript'],
    subject: 'clients',
    fixable: 'safe',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      nodeRedis: "This node-redis client has no 'error' listener: the first connection error is thrown as an unhandled 'error' event and crashes the Node process. Add {{name}}.on('error', ...).",
      ioredis: "This ioredis client has no 'error' listener: connection errors are only printed as \"[ioredis] Unhandled error event\" and the application never hears about them. Add {{name}}.on('error', ...).",
    },
    docs: {
      summary: "Clients without an 'error' listener crash (node-redis) or fail silently (ioredis).",
      what: "Reports ioredis and node-redis clients (including duplicate()d ones) that no code attaches an 'error' listener to — in the same file, chained on the constructor, or in another file of the workspace that imports the client. Clients handed to other code (returned, passed as an argument) are not reported.",
      why: "node-redis emits 'error' on every connection problem; an EventEmitter 'error' without listener is thrown and exits the process. ioredis catches it but only logs a warning on every reconnect attempt, so outages go unnoticed.",
      examples: [
        { client: 'node-redis', file: 'src/redis.ts', bad: "import { createClient } from 'redis';\n\nexport const client = createClient({ url: process.env.REDIS_URL });\nawait client.connect();\n", good: "import { createClient } from 'redis';\n\nexport const client = createClient({ url: process.env.REDIS_URL });\nclient.on('error', (err) => console.error('Redis error', err));\nawait client.connect();\n" },
        { client: 'ioredis', file: 'src/redis.ts', bad: IMPORT_IOREDIS + "\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');\n", good: IMPORT_IOREDIS + "\nexport const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');\nredis.on('error', (err) => console.error('Redis error', err));\n" },
      ],
      fix: "The quick fix chains `.on('error', (err) => console.error('Redis error', err))` onto the creating expression (both clients return themselves from `on`). It is safe; replace console.error with your logger.",
      falsePositives: 'A helper in another package that attaches listeners: pass the client to it (escaping clients are not reported) or suppress inline.',
      references: [
        { title: 'node-redis README: events', url: 'https://github.com/redis/node-redis#events' },
        { title: 'ioredis: connection events', url: 'https://github.com/redis/ioredis#connection-events' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    const listened = new Set(model.listeners.filter((l) => l.event === 'error').map((l) => l.identity));
    for (const creation of model.creations) {
      if (creation.library === 'redis-py' || creation.chainedErrorListener || creation.escapes) continue;
      const identity = `creation:${creation.callSpan.startOffset}`;
      if (listened.has(identity) || model.escapedIdentities.has(identity)) continue;
      // The module that creates (and exports) a client is where its listener belongs, unless an importer attaches one.
      if (creation.moduleLevel && creation.binding && context.hasErrorListenerElsewhere(`${model.path}#${creation.binding}`)) continue;
      const name = creation.binding ?? 'client';
      const nodeRedis = creation.library === 'node-redis';
      context.report({
        messageId: nodeRedis ? 'nodeRedis' : 'ioredis',
        data: { name },
        span: creation.span,
        severity: nodeRedis ? 'error' : 'warning',
        fixes: [fix("Log the client's 'error' events", true, [insertAt(creation.callSpan.endOffset, ".on('error', (err) => console.error('Redis error', err))")])],
      });
    }
  },
};
