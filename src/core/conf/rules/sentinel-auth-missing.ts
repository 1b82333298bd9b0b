/** sentinel-auth-missing: a monitored master without auth-pass when the data nodes require authentication. */
import type { ConfRule } from '../rule';

export const sentinelAuthMissing: ConfRule = {
  id: 'sentinel-auth-missing',
  code: 'RC121',
  severity: 'warning',
  category: 'sentinel',
  summary: '`sentinel monitor` without `sentinel auth-pass` (and `auth-user`).',
  rationale: 'When the master and replicas require a password, a sentinel without credentials cannot query or reconfigure them, so no failover happens. Give Sentinel its own ACL user.',
  bad: 'sentinel monitor mymaster 10.0.0.5 6379 2',
  good: 'sentinel monitor mymaster 10.0.0.5 6379 2\nsentinel auth-user mymaster sentinel\nsentinel auth-pass mymaster 1f6d0c9b8a7e6d5c4b3a29181716151413121110f0e0d0c0b0a090807060504',
  sentinel: true,
  check(context) {
    const lines = context.all('sentinel');
    const withAuth = new Set(lines.filter((d) => d.args[0]?.value.toLowerCase() === 'auth-pass').map((d) => d.args[1]?.value));
    return lines
      .filter((d) => d.args[0]?.value.toLowerCase() === 'monitor' && d.args[1] && !withAuth.has(d.args[1].value))
      .map((d) => ({ message: `No "sentinel auth-pass ${d.args[1].value}": if the data nodes require a password, this sentinel cannot fail them over.`, ...context.lineRange(d) }));
  },
};
