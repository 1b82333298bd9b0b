/** conf-plaintext-acl-password: `>password` rules keep the secret in clear text in the config file. */
import type { ConfRule } from '../rule';

export const confPlaintextAclPassword: ConfRule = {
  id: 'conf-plaintext-acl-password',
  code: 'RC048',
  severity: 'info',
  category: 'security',
  summary: 'ACL user with a clear-text `>password`.',
  rationale: 'Config files are copied, backed up and committed. ACL rules accept the SHA-256 of the password (`#<hex>`), which authenticates the same way without storing the secret.',
  bad: 'user app on >a-very-long-password-that-is-still-plain-text ~app:* +@read',
  good: 'user app on #9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ~app:* +@read',
  sentinel: false,
  check(context) {
    return context.userLines().flatMap((user) =>
      user.args
        .map((arg, index) => ({ arg, index }))
        .filter(({ arg }) => arg.value.startsWith('>'))
        .map(({ index }) => ({ message: `Clear-text password for "${user.args[0]?.value}": store its SHA-256 as #<hex> instead.`, ...context.argRange(user, index) })),
    );
  },
};
