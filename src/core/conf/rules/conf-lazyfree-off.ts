/** conf-lazyfree-off: churn-heavy workloads free big values on the main thread when all lazyfree options are off. */
import type { ConfRule } from '../rule';

const LAZYFREE = ['lazyfree-lazy-eviction', 'lazyfree-lazy-expire', 'lazyfree-lazy-server-del', 'lazyfree-lazy-user-del', 'lazyfree-lazy-user-flush'];

export const confLazyfreeOff: ConfRule = {
  id: 'conf-lazyfree-off',
  code: 'RC028',
  severity: 'info',
  category: 'latency',
  summary: 'Cache, queue or leaderboard with every `lazyfree-lazy-*` option off.',
  rationale: 'Evicting, expiring, overwriting or deleting a big key frees its memory on the main thread and stalls every client; lazyfree moves that work to a background thread (DEL then behaves like UNLINK).',
  bad: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  good: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""\nlazyfree-lazy-eviction yes\nlazyfree-lazy-expire yes',
  sentinel: false,
  check(context) {
    if (!['cache', 'queue', 'leaderboard'].includes(context.workload ?? '')) return [];
    if (LAZYFREE.some((name) => context.bool(name))) return [];
    return [{
      message: `All lazyfree options are off: deleting, expiring or evicting big keys blocks the ${context.workload}. Enable lazyfree-lazy-eviction, -expire, -server-del and -user-del.`,
      ...context.fileRange(),
      fixes: [context.appendFix('Enable lazy freeing', 'lazyfree-lazy-eviction yes\nlazyfree-lazy-expire yes\nlazyfree-lazy-server-del yes\nlazyfree-lazy-user-del yes'.replace(/\n$/, ''))],
    }];
  },
};
