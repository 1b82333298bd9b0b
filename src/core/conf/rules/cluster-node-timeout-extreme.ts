/** cluster-node-timeout-extreme: false failovers below 5 s, long outages above 60 s. */
import type { ConfRule } from '../rule';

export const clusterNodeTimeoutExtreme: ConfRule = {
  id: 'cluster-node-timeout-extreme',
  code: 'RC140',
  severity: 'warning',
  category: 'cluster',
  summary: '`cluster-node-timeout` below 5000 or above 60000 ms.',
  rationale: 'Too low and slow forks or network blips cause false failovers; too high and a dead master leaves its slots unavailable for that long. The default is 15000.',
  bad: 'cluster-enabled yes\ncluster-node-timeout 1000',
  good: 'cluster-enabled yes\ncluster-node-timeout 15000',
  sentinel: false,
  check(context) {
    const directive = context.last('cluster-node-timeout');
    const ms = context.integer('cluster-node-timeout');
    if (!directive || ms === undefined || !context.bool('cluster-enabled') || (ms >= 5000 && ms <= 60000)) return [];
    return [{ message: ms < 5000 ? `cluster-node-timeout ${ms} ms: short hiccups will trigger failovers.` : `cluster-node-timeout ${ms} ms: a dead master's slots stay unavailable that long.`, ...context.argRange(directive, 0) }];
  },
};
