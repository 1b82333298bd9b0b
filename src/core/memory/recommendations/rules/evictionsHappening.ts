/** Keys are being evicted: the dataset does not fit in maxmemory. */
import { sumInfo } from '../../serverFacts';
import { formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';

export const evictionsHappening: Recommendation = {
  id: 'evictions-happening',
  severity: 'warning',
  title: 'Keys are being evicted',
  rationale: 'Evictions mean the working set is larger than maxmemory: every evicted key is a miss and a recomputation later, and eviction itself costs time on the command thread.',
  check({ facts }) {
    const evicted = sumInfo(facts, 'evicted_keys');
    if (evicted === 0) return undefined;
    const policy = facts.nodes[0]?.config['maxmemory-policy'] ?? 'unknown';
    return {
      evidence: `evicted_keys is ${formatCount(evicted)} since the last restart (maxmemory-policy ${policy}, maxmemory ${facts.nodes[0]?.config.maxmemory ?? '?'} bytes).`,
      action: 'Raise maxmemory (or add shards), shorten TTLs of the biggest cache namespaces, or shrink values (see the namespace table); if evictions are intended, use allkeys-lfu so hot keys stay.',
    };
  },
};
