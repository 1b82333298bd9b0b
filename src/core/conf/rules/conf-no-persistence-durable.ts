/** conf-no-persistence-durable: a durable workload (queue, primary, session) with neither RDB nor AOF. */
import type { ConfRule } from '../rule';
import { isDurableWorkload } from '../workloads';

export const confNoPersistenceDurable: ConfRule = {
  id: 'conf-no-persistence-durable',
  code: 'RC060',
  severity: 'error',
  category: 'durability',
  summary: 'Durable workload with `save ""` and `appendonly no`.',
  rationale: 'A restart loses everything; with replication, a master that restarts empty is replicated as empty and wipes its replicas too.',
  bad: '# redis-review: workload=queue\nmaxmemory 2gb\nsave ""\nappendonly no',
  good: '# redis-review: workload=queue\nmaxmemory 2gb\nsave ""\nappendonly yes',
  sentinel: false,
  check(context) {
    if (!isDurableWorkload(context.workload) || context.persistenceEnabled()) return [];
    const directive = context.last('appendonly') ?? context.last('save');
    return [{
      message: `A ${context.workload} without persistence loses all data on restart. Enable appendonly yes (appendfsync everysec).`,
      ...(directive ? context.lineRange(directive) : context.fileRange()),
      fixes: [context.setFix('Set appendonly yes', 'appendonly', 'yes')],
    }];
  },
};
