/** conf-rdb-on-pure-cache: snapshots of data that can be rebuilt. */
import type { ConfRule } from '../rule';

export const confRdbOnPureCache: ConfRule = {
  id: 'conf-rdb-on-pure-cache',
  code: 'RC069',
  severity: 'info',
  category: 'durability',
  summary: 'Cache or rate limiter with RDB save points.',
  rationale: 'Snapshots of rebuildable data cost forks and disk I/O. Keep them only if a warm restart matters.',
  bad: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave 300 10',
  good: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  sentinel: false,
  check(context) {
    if ((context.workload !== 'cache' && context.workload !== 'ratelimit') || !context.explicit('save') || context.savePoints().length === 0) return [];
    const directive = context.last('save');
    return directive ? [{ message: `Snapshots of a ${context.workload} cost forks and disk I/O; keep them only if a warm restart matters.`, ...context.lineRange(directive) }] : [];
  },
};
