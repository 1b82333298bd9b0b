/** conf-protected-mode-off: protected-mode no removes the safety net for password-less servers. */
import type { ConfRule } from '../rule';

export const confProtectedModeOff: ConfRule = {
  id: 'conf-protected-mode-off',
  code: 'RC041',
  severity: 'warning',
  category: 'security',
  summary: '`protected-mode no`.',
  rationale: 'Protected mode refuses non-loopback clients while the default user has no password; switching it off removes that safety net for the day the password or ACL file goes missing. Sentinel\'s sample config ships with it off.',
  bad: 'protected-mode no',
  good: 'protected-mode yes',
  check(context) {
    const directive = context.last('protected-mode');
    if (!directive || context.bool('protected-mode')) return [];
    return [{
      message: context.sentinel
        ? 'protected-mode no: anyone reaching the sentinel port can reconfigure failover (SENTINEL SET/REMOVE). Bind to private addresses and require sentinel authentication.'
        : 'protected-mode no removes the refusal of remote clients when no password is set.',
      ...context.argRange(directive, 0),
      fixes: [context.setFix('Set protected-mode yes', 'protected-mode', 'yes')],
    }];
  },
};
