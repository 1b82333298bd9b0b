/** conf-default-user-unrestricted: the default user left on, without password and with every command. */
import type { ConfRule } from '../rule';

export const confDefaultUserUnrestricted: ConfRule = {
  id: 'conf-default-user-unrestricted',
  code: 'RC043',
  severity: 'warning',
  category: 'security',
  summary: '`user default on nopass ... +@all` on a server reachable from the network.',
  rationale: 'Every connection is the default user until it authenticates; with nopass and +@all any client is a full administrator. Use `user default off` and named users with least privilege.',
  bad: 'bind 10.0.0.5\nuser default on nopass ~* &* +@all',
  good: 'bind 10.0.0.5\nuser default off',
  sentinel: false,
  check(context) {
    const line = [...context.userLines()].reverse().find((d) => d.args[0]?.value === 'default');
    const rules = context.defaultUserRules()?.map((rule) => rule.toLowerCase());
    if (!line || !rules || !context.listensBeyondLoopback()) return [];
    const on = rules.filter((rule) => rule === 'on' || rule === 'off').pop() === 'on';
    if (!on || !rules.includes('nopass') || !(rules.includes('+@all') || rules.includes('allcommands'))) return [];
    return [{
      message: 'The default user is on, has no password and may run every command: any client that connects is an administrator. Use "user default off" and named users.',
      ...context.lineRange(line),
      fixes: [{ description: 'Replace with "user default off"', safe: false, edits: [{ ...context.lineRange(line), newText: 'user default off' }] }],
    }];
  },
};
