/** conf-timeout-with-pools: a server-side idle timeout closes pooled connections under the application. */
import type { ConfRule } from '../rule';

export const confTimeoutWithPools: ConfRule = {
  id: 'conf-timeout-with-pools',
  code: 'RC081',
  severity: 'info',
  category: 'latency',
  summary: '`timeout` greater than 0.',
  rationale: 'Connection pools keep idle connections; the server closes them after `timeout` seconds and the next command on each fails unless the client health-checks. Blocked and Pub/Sub clients are exempt anyway; prefer tcp-keepalive to reap dead peers.',
  bad: 'timeout 60',
  good: 'timeout 0\ntcp-keepalive 300',
  sentinel: false,
  check(context) {
    const directive = context.last('timeout');
    const seconds = context.integer('timeout');
    if (!directive || !seconds) return [];
    return [{ message: `timeout ${seconds} closes idle pooled connections; clients without health checks see errors after idle periods.`, ...context.argRange(directive, 0) }];
  },
};
