/** conf-protected-configs-enabled: enable-protected-configs / enable-debug-command / enable-module-command set to yes. */
import type { ConfRule } from '../rule';

const NAMES = ['enable-protected-configs', 'enable-debug-command', 'enable-module-command'];

export const confProtectedConfigsEnabled: ConfRule = {
  id: 'conf-protected-configs-enabled',
  code: 'RC045',
  severity: 'warning',
  category: 'security',
  summary: 'DEBUG, MODULE or protected CONFIG SET opened to every client.',
  rationale: 'Redis 7.0 blocks these by default because they let a client change dir/dbfilename at runtime, crash the server with DEBUG, or load native code. Use `local` at most.',
  bad: 'enable-debug-command yes',
  good: 'enable-debug-command local',
  sentinel: false,
  check(context) {
    return NAMES.flatMap((name) => {
      const directive = context.last(name);
      if (!directive || directive.args[0]?.value.toLowerCase() !== 'yes') return [];
      return [{ message: `${name} yes opens this to every client; use "local" (loopback only) or "no".`, ...context.argRange(directive, 0), fixes: [context.setFix(`Set ${name} local`, name, 'local')] }];
    });
  },
};
