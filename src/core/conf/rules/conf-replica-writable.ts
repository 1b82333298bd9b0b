/** conf-replica-writable: writes on a replica diverge and vanish at the next resync. */
import type { ConfRule } from '../rule';

export const confReplicaWritable: ConfRule = {
  id: 'conf-replica-writable',
  code: 'RC106',
  severity: 'warning',
  category: 'replication',
  summary: '`replica-read-only no`.',
  rationale: 'Writes made on a replica are not replicated anywhere and disappear at the next full sync; they also make the replica differ from its master.',
  bad: 'replica-read-only no',
  good: 'replica-read-only yes',
  sentinel: false,
  check(context) {
    const directive = context.last('replica-read-only');
    if (!directive || context.bool('replica-read-only')) return [];
    return [{ message: 'Writes on this replica diverge from the master and are lost at the next resync.', ...context.argRange(directive, 0), fixes: [context.setFix('Set replica-read-only yes', 'replica-read-only', 'yes')] }];
  },
};
