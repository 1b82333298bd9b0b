/** conf-hz-high: hz above 100 or dynamic-hz off. */
import type { ConfRule } from '../rule';

export const confHzHigh: ConfRule = {
  id: 'conf-hz-high',
  code: 'RC082',
  severity: 'warning',
  category: 'latency',
  summary: '`hz` above 100, or `dynamic-hz no`.',
  rationale: 'hz is how often background tasks run: high values burn CPU even when idle (values above 500 are clamped). Keep 10; raise towards 100 only for very low-latency expiry needs, and let dynamic-hz scale it with clients.',
  bad: 'hz 500',
  good: 'hz 10',
  sentinel: false,
  check(context) {
    const reports = [];
    const hz = context.last('hz');
    const value = context.integer('hz');
    if (hz && value !== undefined && value > 100) reports.push({ message: `hz ${value} spends CPU on background tasks even when idle; keep 10 (at most 100).`, ...context.argRange(hz, 0), fixes: [context.setFix('Set hz 10', 'hz', '10')] });
    const dynamic = context.last('dynamic-hz');
    if (dynamic && !context.bool('dynamic-hz')) reports.push({ message: 'dynamic-hz no keeps hz fixed even with many clients; leave it on.', severity: 'info' as const, ...context.argRange(dynamic, 0) });
    return reports;
  },
};
