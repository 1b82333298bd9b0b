/** conf-appendfsync-always: fsync on every write costs latency and throughput. */
import type { ConfRule } from '../rule';

export const confAppendfsyncAlways: ConfRule = {
  id: 'conf-appendfsync-always',
  code: 'RC062',
  severity: 'warning',
  category: 'durability',
  summary: '`appendfsync always`.',
  rationale: 'Every write waits for the disk: latency follows fsync times and throughput drops sharply. everysec loses at most about a second; keep always only when required and benchmarked.',
  bad: 'appendonly yes\nappendfsync always',
  good: 'appendonly yes\nappendfsync everysec',
  sentinel: false,
  check(context) {
    const directive = context.last('appendfsync');
    if (!directive || context.value('appendfsync').toLowerCase() !== 'always') return [];
    return [{ message: 'appendfsync always waits for the disk on every write; everysec bounds loss to about one second at a fraction of the cost.', ...context.argRange(directive, 0), fixes: [context.setFix('Switch to appendfsync everysec', 'appendfsync', 'everysec', false)] }];
  },
};
