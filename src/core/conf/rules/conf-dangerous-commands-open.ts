/** conf-dangerous-commands-open: application ACL users allowed to run @dangerous commands (FLUSHALL, CONFIG, KEYS ...). */
import type { ConfRule } from '../rule';

const ADMIN_NAMES = /^(default|admin|ops|root|operator|sentinel|replication|replica)$/i;

export const confDangerousCommandsOpen: ConfRule = {
  id: 'conf-dangerous-commands-open',
  code: 'RC044',
  severity: 'warning',
  category: 'security',
  summary: 'Application ACL user with `+@all` or `@dangerous` commands.',
  rationale: 'Credentials of an application end up in logs, env files and CI. If they allow FLUSHALL, CONFIG, KEYS, DEBUG or SHUTDOWN, one leak or one bug wipes or stalls the server. Remove @dangerous (and @admin) from application users.',
  bad: 'user app on #9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ~app:* +@all',
  good: 'user app on #9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ~app:* +@all -@dangerous',
  sentinel: false,
  check(context) {
    return context.userLines().flatMap((user) => {
      const name = user.args[0]?.value ?? '';
      if (ADMIN_NAMES.test(name)) return [];
      const rules = user.args.slice(1).map((arg) => arg.value.toLowerCase());
      let open = false;
      for (const rule of rules) {
        if (rule === '+@all' || rule === 'allcommands' || rule === '+@dangerous' || rule === '+flushall' || rule === '+keys' || rule === '+config') open = true;
        if (rule === '-@all' || rule === 'nocommands' || rule === '-@dangerous' || rule === 'reset') open = false;
      }
      if (!open) return [];
      return [{
        message: `ACL user "${name}" can run @dangerous commands (FLUSHALL, CONFIG, KEYS, DEBUG ...). Add -@dangerous or grant only the categories the application uses.`,
        ...context.lineRange(user),
        fixes: [{ description: 'Append -@dangerous', safe: false, edits: [{ startOffset: context.lineRange(user).endOffset, endOffset: context.lineRange(user).endOffset, newText: ' -@dangerous' }] }],
      }];
    });
  },
};
