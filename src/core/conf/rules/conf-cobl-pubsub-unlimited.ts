/** conf-cobl-pubsub-unlimited: a slow subscriber can buffer unlimited memory. */
import type { ConfRule } from '../rule';

export const confCoblPubsubUnlimited: ConfRule = {
  id: 'conf-cobl-pubsub-unlimited',
  code: 'RC102',
  severity: 'warning',
  category: 'memory',
  summary: '`client-output-buffer-limit pubsub 0 0 0`.',
  rationale: 'Messages for a subscriber that reads slower than publishers write pile up in its output buffer with no limit until the server runs out of memory. The default is 32mb 8mb 60.',
  bad: 'client-output-buffer-limit pubsub 0 0 0',
  good: 'client-output-buffer-limit pubsub 32mb 8mb 60',
  sentinel: false,
  check(context) {
    return context.all('client-output-buffer-limit').flatMap((directive) => {
      const reports = [];
      for (let i = 0; i + 3 < directive.args.length; i += 4) {
        if (directive.args[i].value.toLowerCase() === 'pubsub' && directive.args[i + 1].value === '0' && directive.args[i + 2].value === '0') {
          reports.push({
            message: 'Unlimited Pub/Sub output buffers: one slow subscriber can exhaust memory.',
            startOffset: directive.args[i].startOffset,
            endOffset: directive.args[i + 3].endOffset,
            fixes: [{ description: 'Use pubsub 32mb 8mb 60', safe: true, edits: [{ startOffset: directive.args[i + 1].startOffset, endOffset: directive.args[i + 3].endOffset, newText: '32mb 8mb 60' }] }],
          });
        }
      }
      return reports;
    });
  },
};
