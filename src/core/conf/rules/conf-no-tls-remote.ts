/** conf-no-tls-remote: non-loopback listener without TLS. */
import type { ConfRule } from '../rule';

export const confNoTlsRemote: ConfRule = {
  id: 'conf-no-tls-remote',
  code: 'RC046',
  severity: 'info',
  category: 'security',
  summary: 'Listening beyond loopback without `tls-port`.',
  rationale: 'Data and AUTH passwords cross the network in clear text. Use TLS unless the network is trusted (note: 7.0 io-threads do not work with TLS).',
  bad: 'bind 10.0.0.5',
  good: 'bind 10.0.0.5\nport 0\ntls-port 6379\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt',
  sentinel: false,
  check(context) {
    const bind = context.last('bind');
    if (!bind || !context.listensBeyondLoopback() || context.integer('tls-port')) return [];
    return [{ message: 'Reachable beyond loopback without TLS: data and passwords travel in clear text.', ...context.lineRange(bind) }];
  },
};
