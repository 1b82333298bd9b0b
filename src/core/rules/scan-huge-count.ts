/** scan-huge-count: a huge SCAN COUNT turns each iteration step back into a long blocking call. */
import { numberOf } from '../analysis/argumentValues';
import { CURSOR_COMMANDS } from '../analysis/commandNames';
import type { Rule } from './rule';
import { fix, replace } from './support/edits';
import { scanCount } from './support/options';
import { IMPORT_IOREDIS } from './exampleImports';

export const scanHugeCount: Rule = {
  meta: {
    id: 'scan-huge-count',
    code: 'RR107',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'safe',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      count: '{{command}} with COUNT {{count}} makes every step scan that many slots in one blocking call and return huge replies; use a COUNT of 100–1000.',
    },
    docs: {
      summary: 'SCAN/HSCAN/SSCAN/ZSCAN with a huge COUNT blocks like KEYS.',
      what: 'Reports SCAN-family calls (including scan_iter, scanStream, scanIterator) whose COUNT literal exceeds `maxScanCount` (default 10000).',
      why: 'COUNT is the amount of work done per call. SCAN exists to split a full keyspace walk into short steps; a COUNT of a million makes each step as long as KEYS and the replies huge.',
      examples: [
        { client: 'redis-py', file: 'app/cleanup.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef purge():\n    for key in r.scan_iter(match="tmp:*", count=1_000_000):\n        r.unlink(key)\n', good: 'import redis\n\nr = redis.Redis()\n\ndef purge():\n    for key in r.scan_iter(match="tmp:*", count=1000):\n        r.unlink(key)\n' },
        { client: 'ioredis', file: 'src/cleanup.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function stream() {\n  return redis.scanStream({ match: 'tmp:*', count: 500000 });\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function stream() {\n  return redis.scanStream({ match: 'tmp:*', count: 1000 });\n}\n" },
        { client: 'node-redis', file: 'src/cleanup.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function keys() {\n  return client.scanIterator({ MATCH: 'tmp:*', COUNT: 100000 });\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function keys() {\n  return client.scanIterator({ MATCH: 'tmp:*', COUNT: 1000 });\n}\n" },
      ],
      fix: 'The quick fix sets COUNT to 1000; it is safe (only the batch size changes).',
      falsePositives: 'One-off maintenance scripts on replicas (scripts get a warning lowered to info).',
      references: [{ title: 'SCAN: the COUNT option', url: 'https://redis.io/docs/latest/commands/scan/' }],
    },
  },
  check(context) {
    for (const site of context.model.callSites) {
      if (!CURSOR_COMMANDS.has(site.command)) continue;
      const countArg = scanCount(site);
      const count = numberOf(countArg);
      if (!countArg || count === undefined || count <= context.config.maxScanCount) continue;
      context.report({
        messageId: 'count',
        data: { command: site.command, count: countArg.text },
        span: countArg.span,
        fixes: [fix('Set COUNT to 1000', true, [replace(countArg.span, '1000')])],
      });
    }
  },
};
