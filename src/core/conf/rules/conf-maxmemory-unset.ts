/** conf-maxmemory-unset: no memory limit (unbounded growth until the OOM killer). */
import type { ConfRule } from '../rule';
import { isEphemeralWorkload } from '../workloads';

export const confMaxmemoryUnset: ConfRule = {
  id: 'conf-maxmemory-unset',
  code: 'RC020',
  severity: 'warning',
  category: 'memory',
  summary: 'No `maxmemory` (or 0): the dataset may grow without limit.',
  rationale: 'Without a limit Redis grows until the kernel OOM killer ends it, and no eviction policy ever runs. Set an explicit limit that leaves headroom for forks, buffers and fragmentation.',
  bad: '# redis-review: workload=cache\nmaxmemory-policy allkeys-lru\nsave ""',
  good: '# redis-review: workload=cache\nmaxmemory 3gb\nmaxmemory-policy allkeys-lru\nsave ""',
  sentinel: false,
  check(context) {
    if (context.memory('maxmemory') !== 0) return [];
    const directive = context.last('maxmemory');
    const ephemeral = isEphemeralWorkload(context.workload);
    return [{
      message: ephemeral
        ? `A ${context.workload} must have maxmemory: without it keys are never evicted and Redis grows until the OOM killer stops it.`
        : 'maxmemory is unlimited: Redis grows until the OOM killer stops it. Set an explicit limit (about 60–75% of the memory available to Redis).',
      severity: ephemeral ? 'error' : 'warning',
      ...(directive ? context.lineRange(directive) : context.fileRange()),
    }];
  },
};
