/** conf-master-no-persistence: a master without persistence that restarts empty wipes its replicas. */
import type { ConfRule } from '../rule';
import { isEphemeralWorkload } from '../workloads';

export const confMasterNoPersistence: ConfRule = {
  id: 'conf-master-no-persistence',
  code: 'RC107',
  severity: 'warning',
  category: 'replication',
  summary: 'Replicated master without RDB or AOF.',
  rationale: 'If a master without persistence is restarted (e.g. by systemd) faster than Sentinel fails it over, it comes back empty and its replicas sync the empty dataset. Enable persistence, or make sure it cannot restart automatically.',
  bad: '# redis-review: mode=replica\nsave ""\nappendonly no',
  good: '# redis-review: mode=replica\nsave 3600 1\nappendonly no',
  sentinel: false,
  check(context) {
    if (isEphemeralWorkload(context.workload) || !context.replicated() || context.isReplica() || context.mode === 'cluster' || context.persistenceEnabled()) return [];
    const directive = context.last('save') ?? context.last('appendonly');
    return [{ message: 'A master without persistence that restarts comes back empty and its replicas then sync the empty dataset.', ...(directive ? context.lineRange(directive) : context.fileRange()) }];
  },
};
