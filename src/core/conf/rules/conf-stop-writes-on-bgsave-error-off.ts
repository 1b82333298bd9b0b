/** conf-stop-writes-on-bgsave-error-off: failed snapshots go unnoticed while clients keep writing. */
import type { ConfRule } from '../rule';

export const confStopWritesOnBgsaveErrorOff: ConfRule = {
  id: 'conf-stop-writes-on-bgsave-error-off',
  code: 'RC066',
  severity: 'warning',
  category: 'durability',
  summary: '`stop-writes-on-bgsave-error no` with RDB snapshots enabled.',
  rationale: 'A full disk or permission problem makes every snapshot fail silently while writes continue; the next restart loads an old snapshot. Stopping writes makes the failure visible.',
  bad: 'save 3600 1\nstop-writes-on-bgsave-error no',
  good: 'save 3600 1\nstop-writes-on-bgsave-error yes',
  sentinel: false,
  check(context) {
    const directive = context.last('stop-writes-on-bgsave-error');
    if (!directive || context.bool('stop-writes-on-bgsave-error') || context.savePoints().length === 0) return [];
    return [{ message: 'Failed snapshots will go unnoticed while clients keep writing.', ...context.argRange(directive, 0), fixes: [context.setFix('Set stop-writes-on-bgsave-error yes', 'stop-writes-on-bgsave-error', 'yes')] }];
  },
};
