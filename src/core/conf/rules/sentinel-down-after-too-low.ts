/** sentinel-down-after-too-low: failovers triggered by short hiccups. */
import type { ConfRule } from '../rule';

export const sentinelDownAfterTooLow: ConfRule = {
  id: 'sentinel-down-after-too-low',
  code: 'RC122',
  severity: 'warning',
  category: 'sentinel',
  summary: '`down-after-milliseconds` below 5000.',
  rationale: 'A GC pause, a slow fork or a network blip of a few seconds then causes a failover, with its reconnect storm and possible loss of recent writes. The default is 30000; 5000–10000 is a common production value.',
  bad: 'sentinel monitor mymaster 10.0.0.5 6379 2\nsentinel down-after-milliseconds mymaster 1000',
  good: 'sentinel monitor mymaster 10.0.0.5 6379 2\nsentinel down-after-milliseconds mymaster 10000',
  sentinel: true,
  check(context) {
    return context.all('sentinel')
      .filter((d) => d.args[0]?.value.toLowerCase() === 'down-after-milliseconds' && Number(d.args[2]?.value) < 5000)
      .map((d) => ({ message: `down-after-milliseconds ${d.args[2].value}: short hiccups will trigger failovers; use 5000 or more.`, ...context.argRange(d, 2) }));
  },
};
