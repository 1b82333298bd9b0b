/** conf-users-and-aclfile: `user` lines together with `aclfile` (Redis 7.0 refuses to start). */
import type { ConfRule } from '../rule';

export const confUsersAndAclfile: ConfRule = {
  id: 'conf-users-and-aclfile',
  code: 'RC009',
  severity: 'error',
  category: 'security',
  summary: '`user` lines and `aclfile` used together.',
  rationale: 'Redis 7.0 accepts users either in redis.conf or in an ACL file, never both, and refuses to start otherwise (verified on 7.0.15).',
  bad: 'aclfile /etc/redis/users.acl\nuser app on #9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ~app:* +@read',
  good: 'aclfile /etc/redis/users.acl',
  sentinel: false,
  check(context) {
    const aclfile = context.last('aclfile');
    if (!aclfile || aclfile.args[0]?.value === '') return [];
    return context.userLines().map((user) => ({
      message: 'Users are defined here and in the aclfile; Redis refuses to start. Move this user into the ACL file.',
      ...context.lineRange(user),
    }));
  },
};
