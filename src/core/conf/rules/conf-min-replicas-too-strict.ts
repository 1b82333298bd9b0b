/** conf-min-replicas-too-strict: requiring every replica to be up stops writes on any single replica outage. */
import type { ConfRule } from '../rule';
import { countOf } from '../../text/plural';

export const confMinReplicasTooStrict: ConfRule = {
  id: 'conf-min-replicas-too-strict',
  code: 'RC105',
  severity: 'warning',
  category: 'replication',
  summary: '`min-replicas-to-write` ≥ the number of replicas.',
  rationale: 'When the requirement equals the replica count, maintenance or the failure of one replica stops all writes. The replica count comes from the header (`replicas=N`).',
  bad: '# redis-review: replicas=1\nmin-replicas-to-write 1',
  good: '# redis-review: replicas=2\nmin-replicas-to-write 1',
  sentinel: false,
  check(context) {
    const directive = context.last('min-replicas-to-write');
    const required = context.integer('min-replicas-to-write') ?? 0;
    if (!directive || required === 0 || context.replicas === undefined || required < context.replicas) return [];
    return [{ message: `min-replicas-to-write ${required} with ${countOf(context.replicas, 'replica')}: losing one replica stops all writes.`, ...context.argRange(directive, 0) }];
  },
};
