/** cluster-full-coverage: one uncovered slot stops the whole cluster, a trade-off worth choosing consciously. */
import type { ConfRule } from '../rule';
import { isEphemeralWorkload } from '../workloads';

export const clusterFullCoverage: ConfRule = {
  id: 'cluster-full-coverage',
  code: 'RC141',
  severity: 'info',
  category: 'cluster',
  summary: 'Cache cluster with `cluster-require-full-coverage yes` (the default).',
  rationale: 'When any slot loses its master and replicas, every node stops serving. For caches, serving the slots that are still up is usually better: cluster-require-full-coverage no plus cluster-allow-reads-when-down yes.',
  bad: '# redis-review: workload=cache\ncluster-enabled yes\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  good: '# redis-review: workload=cache\ncluster-enabled yes\ncluster-require-full-coverage no\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  sentinel: false,
  check(context) {
    if (!context.bool('cluster-enabled') || !isEphemeralWorkload(context.workload) || !context.bool('cluster-require-full-coverage')) return [];
    const directive = context.last('cluster-require-full-coverage');
    return [{ message: 'One uncovered slot stops the whole cache cluster; consider cluster-require-full-coverage no.', ...(directive ? context.argRange(directive, 0) : context.fileRange()), fixes: [context.setFix('Set cluster-require-full-coverage no', 'cluster-require-full-coverage', 'no', false)] }];
  },
};
