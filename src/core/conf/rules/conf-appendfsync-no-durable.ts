/** conf-appendfsync-no-durable: appendfsync no leaves flushing to the kernel (up to ~30 s of loss). */
import type { ConfRule } from '../rule';
import { isDurableWorkload } from '../workloads';

export const confAppendfsyncNoDurable: ConfRule = {
  id: 'conf-appendfsync-no-durable',
  code: 'RC063',
  severity: 'info',
  category: 'durability',
  summary: '`appendfsync no` on a durable workload.',
  rationale: 'The kernel flushes dirty pages about every 30 seconds, so a power loss drops that much acknowledged data.',
  bad: '# redis-review: workload=primary\nappendonly yes\nappendfsync no',
  good: '# redis-review: workload=primary\nappendonly yes\nappendfsync everysec',
  sentinel: false,
  check(context) {
    const directive = context.last('appendfsync');
    if (!directive || directive.args[0]?.value.toLowerCase() !== 'no' || !isDurableWorkload(context.workload)) return [];
    return [{ message: 'appendfsync no can lose ~30 s of acknowledged writes on a crash of the host.', ...context.argRange(directive, 0), fixes: [context.setFix('Switch to appendfsync everysec', 'appendfsync', 'everysec')] }];
  },
};
