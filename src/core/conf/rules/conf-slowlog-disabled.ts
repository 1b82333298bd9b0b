/** conf-slowlog-disabled: the slow log is off, too coarse or too short. */
import type { ConfRule } from '../rule';

export const confSlowlogDisabled: ConfRule = {
  id: 'conf-slowlog-disabled',
  code: 'RC084',
  severity: 'info',
  category: 'latency',
  summary: 'Slow log disabled, with a threshold above 1 s, or shorter than 32 entries.',
  rationale: 'SLOWLOG is the first tool for finding O(N) commands (KEYS, big HGETALL/SMEMBERS, Lua). A negative threshold disables it.',
  bad: 'slowlog-log-slower-than -1',
  good: 'slowlog-log-slower-than 10000\nslowlog-max-len 1024',
  sentinel: false,
  check(context) {
    const reports = [];
    const threshold = context.last('slowlog-log-slower-than');
    const micros = context.integer('slowlog-log-slower-than');
    if (threshold && micros !== undefined && (micros < 0 || micros > 1_000_000)) {
      reports.push({ message: micros < 0 ? 'The slow log is disabled.' : `Only commands slower than ${micros / 1e6} s are logged.`, ...context.argRange(threshold, 0), fixes: [context.setFix('Set slowlog-log-slower-than 10000', 'slowlog-log-slower-than', '10000')] });
    }
    const length = context.last('slowlog-max-len');
    const entries = context.integer('slowlog-max-len');
    if (length && entries !== undefined && entries < 32) reports.push({ message: `slowlog-max-len ${entries} keeps too few entries to find patterns.`, ...context.argRange(length, 0) });
    return reports;
  },
};
