/** conf-maxmemory-no-headroom: maxmemory too close to the host's memory when forks (persistence, replicas) need room. */
import type { ConfRule } from '../rule';
import { formatMemory } from '../values';

export const confMaxmemoryNoHeadroom: ConfRule = {
  id: 'conf-maxmemory-no-headroom',
  code: 'RC022',
  severity: 'warning',
  category: 'memory',
  summary: '`maxmemory` above 75% of the host memory with persistence or replicas.',
  rationale: 'RDB saves, AOF rewrites and full syncs fork: copy-on-write can need up to twice the dataset on write-heavy loads, plus client buffers and fragmentation. Managed services keep 10–25% in reserve for this. The host memory comes from the header (`# redis-review: memory=8gb`).',
  bad: '# redis-review: memory=4gb\nmaxmemory 4gb\nappendonly yes',
  good: '# redis-review: memory=4gb\nmaxmemory 2560mb\nappendonly yes',
  sentinel: false,
  check(context) {
    const host = context.hostMemory;
    const limit = context.memory('maxmemory');
    const directive = context.last('maxmemory');
    if (!host || !limit || !directive || limit <= host * 0.75) return [];
    if (!context.persistenceEnabled() && !context.replicated()) return [];
    return [{
      message: `maxmemory ${formatMemory(limit)} is ${Math.round((limit / host) * 100)}% of the ${formatMemory(host)} host: forks for persistence or replication need headroom (keep it at or below ${formatMemory(Math.floor((host * 0.75) / 1048576) * 1048576)}).`,
      ...context.argRange(directive, 0),
    }];
  },
};
