/** conf-cobl-replica-too-small: the replica output buffer limit below the backlog causes endless full syncs. */
import type { ConfRule } from '../rule';
import { formatMemory, parseMemory } from '../values';

export const confCoblReplicaTooSmall: ConfRule = {
  id: 'conf-cobl-replica-too-small',
  code: 'RC101',
  severity: 'warning',
  category: 'replication',
  summary: 'Replica output buffer hard limit smaller than the replication backlog.',
  rationale: 'During a full sync the master buffers all writes for the replica; when that exceeds the hard limit the replica is dropped and starts over, forever. Keep the hard limit at least as big as the backlog.',
  bad: 'repl-backlog-size 512mb\nclient-output-buffer-limit replica 256mb 64mb 60',
  good: 'repl-backlog-size 512mb\nclient-output-buffer-limit replica 1gb 512mb 60',
  sentinel: false,
  check(context) {
    const backlog = context.memory('repl-backlog-size') ?? 0;
    return context.all('client-output-buffer-limit').flatMap((directive) => {
      const reports = [];
      for (let i = 0; i + 3 < directive.args.length; i += 4) {
        const cls = directive.args[i].value.toLowerCase();
        const hard = parseMemory(directive.args[i + 1].value);
        if ((cls === 'replica' || cls === 'slave') && hard !== undefined && hard !== 0 && hard < backlog) {
          reports.push({ message: `Replica hard limit ${formatMemory(hard)} is below the ${formatMemory(backlog)} backlog: a replica can be dropped mid-sync again and again.`, ...context.argRange(directive, i + 1) });
        }
      }
      return reports;
    });
  },
};
