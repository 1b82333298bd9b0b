/** conf-volatile-without-ttl-keys: volatile-* policies evict only keys with a TTL; without them they act like noeviction. */
import type { ConfRule } from '../rule';

export const confVolatileWithoutTtlKeys: ConfRule = {
  id: 'conf-volatile-without-ttl-keys',
  code: 'RC025',
  severity: 'info',
  category: 'memory',
  summary: '`volatile-*` policy for a workload whose keys usually have no TTL.',
  rationale: 'volatile-lru/lfu/random/ttl only consider keys with an expiry. When most keys have none, memory fills up and writes fail with OOM just like noeviction.',
  bad: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy volatile-lru\nsave ""',
  good: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  sentinel: false,
  check(context) {
    const directive = context.last('maxmemory-policy');
    if (!directive || !context.value('maxmemory-policy').toLowerCase().startsWith('volatile-')) return [];
    if (context.workload === 'session' || context.workload === 'ratelimit' || context.workload === 'leaderboard') return [];
    return [{
      message: `${directive.args[0].value} only evicts keys that have a TTL; if most keys have none, writes fail with OOM as with noeviction.`,
      ...context.argRange(directive, 0),
    }];
  },
};
