/** conf-exposed-without-auth: listening beyond loopback with protected mode off and no authentication. */
import type { ConfRule } from '../rule';

export const confExposedWithoutAuth: ConfRule = {
  id: 'conf-exposed-without-auth',
  code: 'RC040',
  severity: 'error',
  category: 'security',
  summary: 'Reachable from the network with protected mode off and no password or ACL.',
  rationale: 'Anyone who reaches the port can read and delete all data, or use CONFIG SET dir/dbfilename to write files on the host. Bind to explicit interfaces and require authentication.',
  bad: 'bind 0.0.0.0\nprotected-mode no',
  good: 'bind 10.0.0.5 127.0.0.1\nprotected-mode yes\naclfile /etc/redis/users.acl',
  check(context) {
    if (!context.listensBeyondLoopback() || context.bool('protected-mode') || context.requiresAuth()) return [];
    const directive = context.last('protected-mode') ?? context.last('bind');
    return [{
      message: `Listening on ${context.bindAddresses().join(' ')} with protected-mode no and no password or ACL: anyone who reaches the port controls this server.`,
      ...(directive ? context.lineRange(directive) : context.fileRange()),
    }];
  },
};
