/** conf-unknown-workload: a `# redis-review:` header naming a workload or mode the linter does not know. */
import type { ConfRule } from '../rule';
import { isMode, MODES, WORKLOADS } from '../workloads';

export const confUnknownWorkload: ConfRule = {
  id: 'conf-unknown-workload',
  code: 'RC012',
  severity: 'warning',
  category: 'syntax',
  summary: 'The `# redis-review:` header names an unknown workload or mode.',
  rationale: 'Workload-aware rules stay silent when the workload is unknown, so a typo in the header hides findings.',
  bad: '# redis-review: workload=cahce\nmaxmemory 1gb',
  good: '# redis-review: workload=cache\nmaxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""',
  check(context) {
    const header = context.parsed.header;
    const problems: string[] = [];
    if (header.workload && !context.workload) problems.push(`workload "${header.workload}" (known: ${WORKLOADS.join(', ')})`);
    if (header.mode && !isMode(header.mode)) problems.push(`mode "${header.mode}" (known: ${MODES.join(', ')})`);
    return problems.map((problem) => ({ message: `Unknown ${problem}; workload-aware rules are off.`, ...context.fileRange() }));
  },
};
