/** noeviction with a memory limit while the keyspace looks like a cache: writes will fail instead of evicting. */
import { flattenNamespaces } from '../../namespaceTree';
import { configNumber } from '../../serverFacts';
import { CACHE_LIKE, formatBytes, percent } from '../evidence';
import type { Recommendation } from '../recommendation';

export const noevictionOnCache: Recommendation = {
  id: 'noeviction-on-cache',
  severity: 'warning',
  title: 'noeviction on a cache-like keyspace',
  rationale: 'With maxmemory-policy noeviction, a full server answers writes with OOM errors. For data that can be recomputed (caches, sessions with TTLs), evicting is the better failure.',
  check({ facts, report }) {
    const node = facts.nodes[0];
    if (!node || node.config['maxmemory-policy'] !== 'noeviction' || !(configNumber(node, 'maxmemory')! > 0)) return undefined;
    const cacheLike = flattenNamespaces(report.namespaces).filter((n) => n.depth === 1 && CACHE_LIKE.test(n.pattern));
    const cacheMemory = cacheLike.reduce((sum, n) => sum + n.memoryBytes, 0);
    const withTtl = report.totalKeys - (report.ttlBuckets.find((b) => b.bucket === 'none')?.keys ?? 0);
    const cacheShare = report.totalMemoryBytes > 0 ? cacheMemory / report.totalMemoryBytes : 0;
    const ttlShare = report.totalKeys > 0 ? withTtl / report.totalKeys : 0;
    if (cacheShare < 0.1 && ttlShare < 0.5) return undefined;
    return {
      evidence: `maxmemory-policy noeviction; ${percent(withTtl, report.totalKeys)} of keys have a TTL${cacheLike.length ? ` and cache-like namespaces hold ${formatBytes(cacheMemory)} (${cacheLike.slice(0, 3).map((n) => n.pattern).join(', ')})` : ''}.`,
      action: `maxmemory-policy ${ttlShare >= 0.5 ? 'volatile-lru' : 'allkeys-lru'} (allkeys-lfu when a few keys are read far more than others).`,
      examples: cacheLike.slice(0, 3).map((n) => n.pattern),
    };
  },
};
