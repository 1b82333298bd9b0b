/** Namespaces named like caches or sessions whose keys mostly have no TTL: they only ever grow. */
import { flattenNamespaces } from '../../namespaceTree';
import { CACHE_LIKE, formatBytes, formatCount, percent } from '../evidence';
import type { Recommendation } from '../recommendation';

const MIN_KEYS = 10;

export const cacheNamespaceWithoutTtl: Recommendation = {
  id: 'cache-namespace-without-ttl',
  severity: 'warning',
  title: 'Cache and session keys without TTL',
  rationale: 'Keys named cache/session/token/lock/rate are meant to be temporary; written without an expiry they accumulate forever and, under a volatile-* policy, can never be evicted.',
  check({ report }) {
    const offenders = flattenNamespaces(report.namespaces)
      .filter((n) => n.keys >= MIN_KEYS && n.ttlShare < 0.5 && CACHE_LIKE.test(n.pattern))
      // Report the outermost matching namespace only.
      .filter((n, _, all) => !all.some((other) => other !== n && other.depth < n.depth && n.pattern.startsWith(other.pattern.slice(0, -1))));
    if (offenders.length === 0) return undefined;
    const top = offenders.sort((a, b) => b.memoryBytes - a.memoryBytes).slice(0, 5);
    return {
      evidence: top.map((n) => `${n.pattern}: ${formatCount(n.keys)} keys, ${formatBytes(n.memoryBytes)}, ${percent(n.keysWithTtl, n.keys)} with TTL`).join('; ') + '.',
      action: `Set the expiry in the same command as the write: SET key value EX <seconds> (redis-py: r.set(k, v, ex=3600); ioredis: redis.set(k, v, 'EX', 3600)); for hashes add EXPIRE <key> <seconds> in the same pipeline as HSET.`,
      examples: top.map((n) => n.pattern),
    };
  },
};
