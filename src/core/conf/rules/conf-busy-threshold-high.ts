/** conf-busy-threshold-high: scripts may run for a long time (or forever) before Redis answers BUSY. */
import type { ConfRule } from '../rule';

export const confBusyThresholdHigh: ConfRule = {
  id: 'conf-busy-threshold-high',
  code: 'RC088',
  severity: 'info',
  category: 'latency',
  summary: '`busy-reply-threshold`/`lua-time-limit` above 5000 ms or 0.',
  rationale: 'A running script blocks every client; the threshold only decides when others get BUSY replies so an operator can SCRIPT KILL it. 0 never does.',
  bad: 'busy-reply-threshold 0',
  good: 'busy-reply-threshold 5000',
  sentinel: false,
  check(context) {
    const directive = context.last('busy-reply-threshold');
    const ms = context.integer('busy-reply-threshold');
    if (!directive || ms === undefined || (ms > 0 && ms <= 5000)) return [];
    return [{ message: ms === 0 ? 'With 0, a runaway script blocks the server with no BUSY reply.' : `Clients wait ${ms} ms behind a slow script before anyone sees BUSY.`, ...context.argRange(directive, 0) }];
  },
};
