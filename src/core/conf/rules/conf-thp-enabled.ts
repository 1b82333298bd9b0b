/** conf-thp-enabled: transparent huge pages left on for the process. */
import type { ConfRule } from '../rule';

export const confThpEnabled: ConfRule = {
  id: 'conf-thp-enabled',
  code: 'RC086',
  severity: 'warning',
  category: 'latency',
  summary: '`disable-thp no`.',
  rationale: 'With transparent huge pages, copy-on-write after a fork copies 2 MB pages: big latency spikes and memory growth during every save or sync.',
  bad: 'disable-thp no',
  good: 'disable-thp yes',
  sentinel: false,
  check(context) {
    const directive = context.last('disable-thp');
    if (!directive || context.bool('disable-thp')) return [];
    return [{ message: 'Transparent huge pages stay on: forks cause latency spikes and memory growth.', ...context.argRange(directive, 0), fixes: [context.setFix('Set disable-thp yes', 'disable-thp', 'yes')] }];
  },
};
