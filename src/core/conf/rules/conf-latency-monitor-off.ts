/** conf-latency-monitor-off: no data for LATENCY DOCTOR when an incident happens. */
import type { ConfRule } from '../rule';

export const confLatencyMonitorOff: ConfRule = {
  id: 'conf-latency-monitor-off',
  code: 'RC083',
  severity: 'info',
  category: 'latency',
  summary: '`latency-monitor-threshold` 0 (the default).',
  rationale: 'The latency monitor is cheap and records fork, expiry, eviction and command spikes for LATENCY LATEST/DOCTOR. Without it there is nothing to look at after an incident.',
  bad: 'latency-monitor-threshold 0',
  good: 'latency-monitor-threshold 100',
  sentinel: false,
  check(context) {
    if (context.integer('latency-monitor-threshold') !== 0) return [];
    const directive = context.last('latency-monitor-threshold');
    return [{ message: 'The latency monitor is off; latency-monitor-threshold 100 records spikes for LATENCY DOCTOR at negligible cost.', ...(directive ? context.argRange(directive, 0) : context.fileRange()), fixes: [context.setFix('Set latency-monitor-threshold 100', 'latency-monitor-threshold', '100')] }];
  },
};
