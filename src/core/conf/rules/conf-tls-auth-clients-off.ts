/** conf-tls-auth-clients-off: TLS without client certificates. */
import type { ConfRule } from '../rule';

export const confTlsAuthClientsOff: ConfRule = {
  id: 'conf-tls-auth-clients-off',
  code: 'RC047',
  severity: 'info',
  category: 'security',
  summary: '`tls-auth-clients no` on a TLS listener.',
  rationale: 'Any client that reaches the port may try passwords; requiring client certificates (mutual TLS) adds a second factor.',
  bad: 'tls-port 6380\ntls-auth-clients no',
  good: 'tls-port 6380\ntls-auth-clients yes',
  sentinel: false,
  check(context) {
    const directive = context.last('tls-auth-clients');
    if (!directive || !context.integer('tls-port') || directive.args[0]?.value.toLowerCase() !== 'no') return [];
    return [{ message: 'TLS without client certificates: anyone reaching the port can attempt to authenticate. Consider tls-auth-clients yes.', ...context.argRange(directive, 0) }];
  },
};
