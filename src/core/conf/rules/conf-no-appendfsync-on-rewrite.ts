/** conf-no-appendfsync-on-rewrite: durability degrades to "appendfsync no" during rewrites and saves. */
import type { ConfRule } from '../rule';

export const confNoAppendfsyncOnRewrite: ConfRule = {
  id: 'conf-no-appendfsync-on-rewrite',
  code: 'RC064',
  severity: 'info',
  category: 'durability',
  summary: '`no-appendfsync-on-rewrite yes`.',
  rationale: 'Lower latency while a child process writes, but during every BGSAVE/BGREWRITEAOF the AOF is not fsynced: a crash then loses up to ~30 s.',
  bad: 'appendonly yes\nno-appendfsync-on-rewrite yes',
  good: 'appendonly yes\nno-appendfsync-on-rewrite no',
  sentinel: false,
  check(context) {
    const directive = context.last('no-appendfsync-on-rewrite');
    if (!directive || !context.bool('no-appendfsync-on-rewrite') || !context.bool('appendonly')) return [];
    return [{ message: 'While a rewrite or save runs, the AOF is not fsynced: durability drops to appendfsync no.', ...context.argRange(directive, 0) }];
  },
};
