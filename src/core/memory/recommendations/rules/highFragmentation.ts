/** High memory fragmentation with enough wasted bytes to matter. */
import { nodeInfo } from '../../serverFacts';
import { formatBytes } from '../evidence';
import type { Recommendation } from '../recommendation';

const RATIO = 1.5;
const MIN_WASTE = 50 * 1024 * 1024;

export const highFragmentation: Recommendation = {
  id: 'high-fragmentation',
  severity: 'warning',
  title: 'High memory fragmentation',
  rationale: 'After many deletes or value size changes the allocator keeps partly used pages: RSS stays high while used_memory drops. Active defragmentation moves values to compact pages in the background.',
  check({ facts }) {
    const fragmented = facts.nodes
      .map((node) => ({
        node,
        ratio: nodeInfo(node, 'mem_fragmentation_ratio') ?? 0,
        waste: nodeInfo(node, 'mem_fragmentation_bytes') ?? (nodeInfo(node, 'used_memory_rss') ?? 0) - (nodeInfo(node, 'used_memory') ?? 0),
      }))
      .filter((n) => n.ratio > RATIO && n.waste > MIN_WASTE);
    if (fragmented.length === 0) return undefined;
    const defrag = fragmented[0].node.config.activedefrag;
    return {
      evidence: fragmented.map((n) => `${n.node.node}: mem_fragmentation_ratio ${n.ratio.toFixed(2)}, ${formatBytes(n.waste)} beyond used_memory`).join('; ') + `; activedefrag is ${defrag ?? 'unknown'}.`,
      action: defrag === 'yes'
        ? 'Active defrag is on but behind: raise active-defrag-cycle-max (e.g. 50) for a while, or restart a replica and fail over to it.'
        : 'activedefrag yes in redis.conf (CONFIG SET activedefrag yes; needs jemalloc, the default) — or MEMORY PURGE for an immediate partial release.',
    };
  },
};
