/** conf-queue-evicting-policy: an evicting policy on a queue or primary store silently deletes jobs or records. */
import type { ConfRule } from '../rule';
import { mustNotEvict } from '../workloads';

export const confQueueEvictingPolicy: ConfRule = {
  id: 'conf-queue-evicting-policy',
  code: 'RC024',
  severity: 'error',
  category: 'memory',
  summary: 'Job queue or primary store with an evicting `maxmemory-policy`.',
  rationale: 'Eviction deletes keys without telling anyone: jobs vanish from queues, records from a primary store. Queue libraries (BullMQ, Sidekiq) require noeviction; alert on memory instead.',
  bad: '# redis-review: workload=queue\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\nappendonly yes',
  good: '# redis-review: workload=queue\nmaxmemory 2gb\nmaxmemory-policy noeviction\nappendonly yes',
  sentinel: false,
  check(context) {
    const directive = context.last('maxmemory-policy');
    if (!mustNotEvict(context.workload) || !directive || context.value('maxmemory-policy').toLowerCase() === 'noeviction') return [];
    return [{
      message: `${directive.args[0]?.value} evicts keys; on a ${context.workload} that silently deletes data. Use noeviction and alert when memory gets close to maxmemory.`,
      ...context.argRange(directive, 0),
      fixes: [context.setFix('Set maxmemory-policy noeviction', 'maxmemory-policy', 'noeviction')],
    }];
  },
};
