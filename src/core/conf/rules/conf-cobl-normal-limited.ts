/** conf-cobl-normal-limited: limits on normal clients kill them mid-reply. */
import type { ConfRule } from '../rule';

export const confCoblNormalLimited: ConfRule = {
  id: 'conf-cobl-normal-limited',
  code: 'RC103',
  severity: 'info',
  category: 'replication',
  summary: 'Non-zero `client-output-buffer-limit normal`.',
  rationale: 'Normal clients read a reply per request; a limit disconnects them in the middle of a large legitimate reply (HGETALL, LRANGE), which looks like a random network error.',
  bad: 'client-output-buffer-limit normal 64mb 16mb 60',
  good: 'client-output-buffer-limit normal 0 0 0',
  sentinel: false,
  check(context) {
    return context.all('client-output-buffer-limit').flatMap((directive) => {
      const reports = [];
      for (let i = 0; i + 3 < directive.args.length; i += 4) {
        if (directive.args[i].value.toLowerCase() === 'normal' && (directive.args[i + 1].value !== '0' || directive.args[i + 2].value !== '0')) {
          reports.push({ message: 'Normal clients with output limits are disconnected in the middle of large replies.', startOffset: directive.args[i].startOffset, endOffset: directive.args[i + 3].endOffset });
        }
      }
      return reports;
    });
  },
};
