/** sentinel-scripts-reconfig: scripts changeable at runtime are a code-execution vector. */
import type { ConfRule } from '../rule';

export const sentinelScriptsReconfig: ConfRule = {
  id: 'sentinel-scripts-reconfig',
  code: 'RC123',
  severity: 'warning',
  category: 'sentinel',
  summary: '`sentinel deny-scripts-reconfig no`.',
  rationale: 'It lets any client that can talk to Sentinel set notification-script/client-reconfig-script, i.e. run programs on the host.',
  bad: 'sentinel deny-scripts-reconfig no',
  good: 'sentinel deny-scripts-reconfig yes',
  sentinel: true,
  check(context) {
    return context.all('sentinel')
      .filter((d) => d.args[0]?.value.toLowerCase() === 'deny-scripts-reconfig' && d.args[1]?.value.toLowerCase() === 'no')
      .map((d) => ({
        message: 'Clients may change the scripts Sentinel runs: a code-execution vector.',
        ...context.argRange(d, 1),
        fixes: [{ description: 'Set deny-scripts-reconfig yes', safe: true, edits: [{ startOffset: d.args[1].startOffset, endOffset: d.args[1].endOffset, newText: 'yes' }] }],
      }));
  },
};
