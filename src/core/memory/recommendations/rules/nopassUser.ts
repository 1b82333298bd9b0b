/** ACL users that are enabled without a password: anyone who can reach the port is that user. */
import type { Recommendation } from '../recommendation';

export const nopassUser: Recommendation = {
  id: 'nopass-user',
  severity: 'error',
  title: 'Set a password',
  rationale: 'An enabled user with nopass (the default user of a fresh server) lets any process that reaches the port read, change and delete every key, and run CONFIG SET.',
  check({ facts }) {
    const lines = facts.nodes[0]?.aclUsers;
    if (!lines) return undefined;
    const open = lines
      .map((line) => line.split(/\s+/))
      .filter((tokens) => tokens[0] === 'user' && tokens.includes('on') && tokens.includes('nopass'))
      .map((tokens) => tokens[1]);
    if (open.length === 0) return undefined;
    return {
      evidence: `Enabled users without a password: ${open.join(', ')} (ACL LIST).`,
      action: `ACL SETUSER ${open[0]} resetpass ><long random secret> — or in redis.conf: requirepass <secret> (for default) / "user ${open[0]} on #<sha256> ..." in the aclfile, and bind to private interfaces only.`,
      examples: open,
    };
  },
};
