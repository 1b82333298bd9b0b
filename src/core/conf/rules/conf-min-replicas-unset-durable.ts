/** conf-min-replicas-unset-durable: a durable replicated master accepts writes no replica has seen. */
import type { ConfRule } from '../rule';
import { mustNotEvict } from '../workloads';

export const confMinReplicasUnsetDurable: ConfRule = {
  id: 'conf-min-replicas-unset-durable',
  code: 'RC104',
  severity: 'info',
  category: 'replication',
  summary: 'Queue or primary store with replicas and `min-replicas-to-write 0`.',
  rationale: 'During a partition the old master keeps acknowledging writes that are lost when a replica is promoted. min-replicas-to-write 1 with min-replicas-max-lag 10 bounds that window (writes are refused while no replica keeps up).',
  bad: '# redis-review: workload=primary mode=sentinel replicas=2\nappendonly yes\nmaxmemory 2gb',
  good: '# redis-review: workload=primary mode=sentinel replicas=2\nappendonly yes\nmaxmemory 2gb\nmin-replicas-to-write 1\nmin-replicas-max-lag 10',
  sentinel: false,
  check(context) {
    if (!mustNotEvict(context.workload) || context.mode === 'cluster' || !context.replicated() || (context.integer('min-replicas-to-write') ?? 0) > 0) return [];
    const directive = context.last('min-replicas-to-write');
    return [{ message: 'A partitioned master keeps accepting writes that are lost on failover; consider min-replicas-to-write 1 and min-replicas-max-lag 10.', ...(directive ? context.argRange(directive, 0) : context.fileRange()) }];
  },
};
