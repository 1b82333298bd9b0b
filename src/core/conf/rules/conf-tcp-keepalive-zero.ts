/** conf-tcp-keepalive-zero: dead peers are never detected. */
import type { ConfRule } from '../rule';

export const confTcpKeepaliveZero: ConfRule = {
  id: 'conf-tcp-keepalive-zero',
  code: 'RC080',
  severity: 'warning',
  category: 'latency',
  summary: '`tcp-keepalive 0`.',
  rationale: 'Connections of crashed clients or dropped by NAT/load balancers are never noticed: they hold memory and count toward maxclients. The default has been 300 s since 3.2.1.',
  bad: 'tcp-keepalive 0',
  good: 'tcp-keepalive 300',
  check(context) {
    const directive = context.last('tcp-keepalive');
    if (!directive || context.integer('tcp-keepalive') !== 0) return [];
    return [{ message: 'tcp-keepalive 0: dead client connections are never detected.', ...context.argRange(directive, 0), fixes: [context.setFix('Set tcp-keepalive 300', 'tcp-keepalive', '300')] }];
  },
};
