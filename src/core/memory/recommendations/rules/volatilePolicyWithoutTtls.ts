/** A volatile-* eviction policy while most memory sits in keys without TTL: eviction cannot free it, writes fail. */
import { percent, formatBytes } from '../evidence';
import type { Recommendation } from '../recommendation';

export const volatilePolicyWithoutTtls: Recommendation = {
  id: 'volatile-policy-without-ttls',
  severity: 'warning',
  title: 'Eviction policy only evicts keys with TTL, but most memory has none',
  rationale: 'volatile-lru/lfu/random/ttl only consider keys with an expiry; when those are a small part of memory, reaching maxmemory ends in OOM errors for writes, as with noeviction.',
  check({ facts, report }) {
    const policy = facts.nodes[0]?.config['maxmemory-policy'] ?? '';
    if (!policy.startsWith('volatile-')) return undefined;
    const withoutTtl = report.ttlBuckets.find((b) => b.bucket === 'none')?.memoryBytes ?? 0;
    if (report.totalMemoryBytes === 0 || withoutTtl / report.totalMemoryBytes < 0.5) return undefined;
    return {
      evidence: `maxmemory-policy is ${policy} but ${percent(withoutTtl, report.totalMemoryBytes)} of key memory (${formatBytes(withoutTtl)}) is in keys without TTL.`,
      action: 'Either set TTLs where the data is cache-like (SET ... EX / EXPIRE at the write sites), or switch to maxmemory-policy allkeys-lru (allkeys-lfu for skewed access).',
    };
  },
};
