/** No maxmemory: the server grows until the OS kills it or it swaps. */
import { configNumber, nodeInfo } from '../../serverFacts';
import { formatBytes } from '../evidence';
import type { Recommendation } from '../recommendation';

export const noMaxmemory: Recommendation = {
  id: 'no-maxmemory',
  severity: 'warning',
  title: 'Set maxmemory',
  rationale: 'Without maxmemory nothing stops growth: the eviction policy never applies, and the first sign of trouble is swapping or the OOM killer. Leave room for fork copy-on-write, buffers and fragmentation.',
  check({ facts }) {
    const unlimited = facts.nodes.filter((node) => configNumber(node, 'maxmemory') === 0);
    if (unlimited.length === 0) return undefined;
    const used = Math.max(...unlimited.map((n) => nodeInfo(n, 'used_memory') ?? 0));
    const system = nodeInfo(unlimited[0], 'total_system_memory') ?? 0;
    const suggested = system > 0 ? Math.floor((system * 0.6) / 1024 / 1024) : Math.ceil((used * 2) / 1024 / 1024);
    return {
      evidence: `maxmemory is 0 on ${unlimited.map((n) => n.node).join(', ')}; used_memory is ${formatBytes(used)}${system > 0 ? ` of ${formatBytes(system)} system memory` : ''}.`,
      action: `maxmemory ${Math.max(suggested, 1)}mb (about 60 % of RAM for a persistent primary, more for a pure cache) together with an explicit maxmemory-policy.`,
    };
  },
};
