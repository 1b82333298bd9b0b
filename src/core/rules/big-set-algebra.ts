/** big-set-algebra: set/sorted-set unions, intersections and differences cost O(total size). */
import type { FileModel, RedisCallSite } from '../analysis/model';
import type { Rule } from './rule';
import { sitesWith } from './support/sites';
import { IMPORT_IOREDIS } from './exampleImports';

const ALGEBRA = ['SUNION', 'SUNIONSTORE', 'SINTER', 'SINTERSTORE', 'SDIFF', 'SDIFFSTORE', 'ZUNION', 'ZUNIONSTORE', 'ZINTER', 'ZINTERSTORE', 'ZDIFF', 'ZDIFFSTORE'];

export const bigSetAlgebra: Rule = {
  meta: {
    id: 'big-set-algebra',
    code: 'RR103',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      algebra: '{{command}} costs time proportional to the sizes of all input sets and runs on the server\'s only command thread; precompute the result on write{{hint}}.',
    },
    docs: {
      summary: 'SUNION/SINTER/SDIFF/ZUNIONSTORE… are O(total elements) and block on large sets.',
      what: 'Reports set and sorted-set algebra commands (SUNION, SINTER, SDIFF, ZUNION, ZINTER, ZDIFF and their STORE forms) in application code. A method that only forwards its caller\'s keys to the same command (`async sinter(...keys) { return this.client.sinter(...keys) }` in a client wrapper) is left to its callers.',
      why: 'SINTER is O(N·M) in the worst case and the unions and differences are O(total elements). On sets of hundreds of thousands of members a single call takes tens to hundreds of milliseconds, during which Redis serves nobody else, and the result is allocated in full.',
      examples: [
        { client: 'redis-py', file: 'app/tags.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef common(a, b):\n    return r.sinter(f"tag:{a}", f"tag:{b}")\n', good: 'import redis\n\nr = redis.Redis()\n\ndef common_count(a, b):\n    return r.execute_command("SINTERCARD", 2, f"tag:{a}", f"tag:{b}", "LIMIT", 100)\n' },
        { client: 'ioredis', file: 'src/tags.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function everyone() {\n  return redis.sunion('team:a', 'team:b');\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function everyone() {\n  return redis.sscan('team:all', 0, 'COUNT', 100);\n}\n" },
        { client: 'node-redis', file: 'src/tags.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function merge() {\n  return client.zUnionStore('board:all', ['board:a', 'board:b']);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function addScore(member: string, score: number) {\n  await client.zIncrBy('board:all', score, member);\n}\n" },
      ],
      fix: 'Maintain the combined set incrementally when members are added, use SINTERCARD with LIMIT when only a count is needed, keep inputs small (bucket by time or shard), or run the computation on a replica.',
      falsePositives: 'Small tag sets and offline batch jobs. Scripts and tests are skipped; suppress other known-small cases inline.',
      references: [
        { title: 'SINTER', url: 'https://redis.io/docs/latest/commands/sinter/' },
        { title: 'SUNIONSTORE', url: 'https://redis.io/docs/latest/commands/sunionstore/' },
        { title: 'SINTERCARD', url: 'https://redis.io/docs/latest/commands/sintercard/' },
      ],
    },
  },
  check(context) {
    for (const site of sitesWith(context.model, ALGEBRA)) {
      if (isSameNamedPassThrough(context.model, site)) continue;
      const hint = site.command.startsWith('SINTER') ? ', or use SINTERCARD … LIMIT when you only need a count' : '';
      context.report({ messageId: 'algebra', data: { command: site.command, hint }, span: site.span });
    }
  },
};

/**
 * A wrapper method named after the command (`sinter`, `sInter`, `sunion_store`) whose keys are its own parameters,
 * passed straight through and returned: a client API of its own, whose callers decide which sets it combines.
 */
function isSameNamedPassThrough(model: FileModel, site: RedisCallSite): boolean {
  const fn = site.enclosingFunction;
  if (!fn || fn.name.replace(/_/g, '').toLowerCase() !== site.method.replace(/_/g, '').toLowerCase() || !site.args.length) return false;
  const header = model.text.slice(fn.span.startOffset, Math.min(fn.span.endOffset, fn.span.startOffset + 300));
  const open = header.indexOf('(');
  const close = header.indexOf(')', open);
  if (open < 0 || close < 0) return false;
  const parameters = new Set(header.slice(open + 1, close).split(',').map((p) => p.replace(/^\s*(\.\.\.|\*{1,2})?\s*/, '').split(/[:=\s]/)[0]).filter(Boolean));
  const forwarded = site.args.every((arg) => parameters.has(arg.text.replace(/^(\.\.\.|\*)/, '').trim()));
  const before = model.text.slice(Math.max(fn.span.startOffset, site.expressionSpan.startOffset - 40), site.expressionSpan.startOffset);
  return forwarded && /\breturn\s*(?:\(?\s*await\s+)?$/.test(before);
}
