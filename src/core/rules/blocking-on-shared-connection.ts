/** blocking-on-shared-connection: a blocking command parks a multiplexed connection that others share. */
import { BLOCKING_COMMANDS, STREAM_BLOCKING_COMMANDS, SUBSCRIBE_COMMANDS } from '../analysis/commandNames';
import type { Rule } from './rule';
import { hasOption } from './support/options';
import { IMPORT_IOREDIS } from './exampleImports';

export const blockingOnSharedConnection: Rule = {
  meta: {
    id: 'blocking-on-shared-connection',
    code: 'RR205',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      blocking: '{{command}} blocks the connection of {{receiver}} until it returns{{timeout}}; every other command sent through {{receiver}} waits behind it. Run it on a dedicated connection ({{dedicated}}).',
    },
    docs: {
      summary: 'BLPOP/BRPOP/XREAD BLOCK on the app-wide ioredis/node-redis client stall every other command.',
      what: 'Reports blocking commands (BLPOP, BRPOP, BLMOVE, BZPOPMIN, … and XREAD/XREADGROUP with BLOCK) on an ioredis or node-redis client that the same file also uses for other commands.',
      why: 'ioredis instances and node-redis clients multiplex all commands over one connection. A blocking command parks that connection: everything queued behind it waits for the block to end — up to forever with a 0 timeout.',
      examples: [
        { client: 'ioredis', file: 'src/worker.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function next() {\n  await redis.incr('polls');\n  return redis.brpop('jobs', 0);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\nconst blocking = redis.duplicate();\nblocking.on('error', console.error);\n\nexport async function next() {\n  await redis.incr('polls');\n  return blocking.brpop('jobs', 0);\n}\n" },
        { client: 'node-redis', file: 'src/worker.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function next() {\n  await client.incr('polls');\n  return client.blPop('jobs', 0);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nconst worker = client.duplicate();\nworker.on('error', console.error);\n\nexport async function next() {\n  await client.incr('polls');\n  return worker.blPop('jobs', 0);\n}\n" },
      ],
      fix: 'Give blocking consumers their own connection: ioredis `redis.duplicate()`, node-redis `client.duplicate()` (v4 also `commandOptions({ isolated: true })`, v5 `createClientPool()`). Keep the block timeout finite.',
      falsePositives: 'redis-py takes a pooled connection per command, so it is not affected and not reported.',
      references: [
        { title: 'node-redis: blocking commands', url: 'https://github.com/redis/node-redis#blocking-commands' },
        { title: 'BLPOP', url: 'https://redis.io/docs/latest/commands/blpop/' },
      ],
    },
  },
  check(context) {
    const sites = context.model.callSites;
    for (const site of sites) {
      const blocking = BLOCKING_COMMANDS.has(site.command) || (STREAM_BLOCKING_COMMANDS.has(site.command) && hasOption(site, ['BLOCK', 'block'], 0));
      if (!blocking || site.receiver.library === 'redis-py' || site.batched) continue;
      if (site.args[0] && /isolated/.test(site.args[0].text)) continue;
      const other = sites.find((s) => s !== site && s.receiver.identity === site.receiver.identity && !BLOCKING_COMMANDS.has(s.command) && !STREAM_BLOCKING_COMMANDS.has(s.command) && !SUBSCRIBE_COMMANDS.has(s.command));
      if (!other) continue;
      const last = site.args[site.args.length - 1];
      const timeout = last?.value.kind === 'number' ? (last.value.value === 0 ? ' (timeout 0: possibly forever)' : ` (up to ${last.text} s)`) : '';
      context.report({
        messageId: 'blocking',
        data: { command: site.command, receiver: site.receiver.text, timeout, dedicated: `${site.receiver.text}.duplicate()` },
        span: site.span,
        related: other ? [{ span: other.span, message: `${other.command} shares the connection` }] : undefined,
      });
    }
  },
};
