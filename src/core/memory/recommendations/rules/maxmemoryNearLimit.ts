/** used_memory within 10 % of maxmemory: evictions or OOM errors are imminent. */
import { configNumber, nodeInfo } from '../../serverFacts';
import { formatBytes, percent } from '../evidence';
import type { Recommendation } from '../recommendation';

const SHARE = 0.9;

export const maxmemoryNearLimit: Recommendation = {
  id: 'maxmemory-near-limit',
  severity: 'warning',
  title: 'Memory close to maxmemory',
  rationale: 'Past maxmemory the server evicts (or, with noeviction, refuses writes); client buffers and replication bursts can push it over even when the dataset alone still fits.',
  check({ facts }) {
    const near = facts.nodes
      .map((node) => ({ node, limit: configNumber(node, 'maxmemory') ?? 0, used: nodeInfo(node, 'used_memory') ?? 0 }))
      .filter((n) => n.limit > 0 && n.used >= n.limit * SHARE);
    if (near.length === 0) return undefined;
    return {
      evidence: near.map((n) => `${n.node.node}: used_memory ${formatBytes(n.used)} = ${percent(n.used, n.limit)} of maxmemory ${formatBytes(n.limit)}`).join('; ') + '.',
      action: `maxmemory ${Math.ceil((near[0].used * 1.5) / 1024 / 1024)}mb if the host has the RAM; otherwise shrink the biggest namespaces below (TTLs, trimming, smaller encodings) or add shards.`,
    };
  },
};
