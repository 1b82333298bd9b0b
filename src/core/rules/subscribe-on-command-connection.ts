/** subscribe-on-command-connection: a RESP2 connection in subscriber mode refuses normal commands. */
import { SUBSCRIBE_COMMANDS } from '../analysis/commandNames';
import type { Rule } from './rule';
import { IMPORT_IOREDIS } from './exampleImports';

const ALLOWED_IN_SUBSCRIBER_MODE = new Set([...SUBSCRIBE_COMMANDS, 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE', 'PING', 'QUIT', 'RESET']);

/** Commands that prepare a connection rather than use it for data. */
const CONNECTION_SETUP = new Set(['AUTH', 'SELECT', 'HELLO', 'CLIENT SETNAME', 'CLIENT SETINFO', 'READONLY']);

/**
 * The subscribe's result is subscribed to or piped (`mq.subscribe(topic).subscribe(...)`, `.pipe(...)`): an
 * Observable, so a project wrapper's own method that picks its connections itself. Redis clients' subscribe
 * returns a promise (or nothing).
 */
function returnsObservable(text: string, callEnd: number): boolean {
  return /^\s*\.\s*(?:subscribe|pipe)\s*\(/.test(text.slice(callEnd, callEnd + 200));
}

export const subscribeOnCommandConnection: Rule = {
  meta: {
    id: 'subscribe-on-command-connection',
    code: 'RR206',
    category: 'correctness',
    defaultSeverity: 'error',
    languages: ['javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      subscribe: '{{command}} puts {{receiver}} into subscriber mode, but the same client also runs {{other}}; those commands then fail ("Connection in subscriber mode"). Subscribe on {{receiver}}.duplicate().',
    },
    docs: {
      summary: 'SUBSCRIBE on a client that also runs normal commands breaks those commands.',
      what: 'Reports SUBSCRIBE/PSUBSCRIBE/SSUBSCRIBE on an ioredis or node-redis client that the same file also uses for regular commands. Clients configured for RESP3 are not reported, nor a `subscribe` whose result is subscribed to or piped like an Observable (a project wrapper\'s own method, which picks its connections itself), and connection setup issued before the subscription (AUTH, SELECT, HELLO, CLIENT SETNAME) does not count as a regular command.',
      why: 'Over RESP2 a connection that has subscribed may only run (un)subscribe, PING and QUIT. Any other command on the same client is rejected with "Connection in subscriber mode, only subscriber commands may be used".',
      examples: [
        { client: 'ioredis', file: 'src/events.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function start() {\n  await redis.subscribe('events');\n  await redis.set('listening', '1');\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\nconst subscriber = redis.duplicate();\nsubscriber.on('error', console.error);\n\nexport async function start() {\n  await subscriber.subscribe('events');\n  await redis.set('listening', '1');\n}\n" },
        { client: 'node-redis', file: 'src/events.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function start() {\n  await client.subscribe('events', (m) => console.log(m));\n  await client.set('listening', '1');\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nconst subscriber = client.duplicate();\nsubscriber.on('error', console.error);\n\nexport async function start() {\n  await subscriber.subscribe('events', (m) => console.log(m));\n  await client.set('listening', '1');\n}\n" },
      ],
      fix: 'Use a dedicated subscriber connection: ioredis `redis.duplicate()`, node-redis `client.duplicate()` (connect it and give it its own error listener). redis-py `r.pubsub()` already uses its own connection.',
      falsePositives: 'node-redis clients created with `RESP: 3` can mix commands and subscriptions and are not reported.',
      references: [
        { title: 'Pub/Sub', url: 'https://redis.io/docs/latest/develop/interact/pubsub/' },
        { title: 'node-redis Pub/Sub', url: 'https://github.com/redis/node-redis/blob/master/docs/pub-sub.md' },
      ],
    },
  },
  check(context) {
    const sites = context.model.callSites;
    for (const site of sites) {
      if (!SUBSCRIBE_COMMANDS.has(site.command) || site.receiver.library === 'redis-py' || site.receiver.kind === 'pubsub') continue;
      const resp = site.receiver.creation?.options.RESP ?? site.receiver.creation?.options.protocol;
      if (resp?.value.kind === 'number' && resp.value.value === 3) continue;
      if (returnsObservable(context.model.text, site.callSpan.endOffset)) continue;
      // Setting the connection up before subscribing (AUTH, SELECT, CLIENT SETNAME, HELLO) does not share it.
      const other = sites.find((s) => s.receiver.identity === site.receiver.identity && !ALLOWED_IN_SUBSCRIBER_MODE.has(s.command) && !(CONNECTION_SETUP.has(s.command) && s.callSpan.endOffset <= site.callSpan.startOffset));
      if (!other) continue;
      context.report({
        messageId: 'subscribe',
        data: { command: site.command, receiver: site.receiver.text, other: other.command },
        span: site.span,
        related: [{ span: other.span, message: `${other.command} on the same client` }],
      });
    }
  },
};
