/**
 * Namespaces named like caches or sessions that hold keys without a TTL: those keys only ever grow. A share of
 * them is enough (sessions written with HSET then EXPIRE lose the expiry when the process dies in between), so
 * the rule counts the keys without TTL instead of asking for a majority, which came and went between samples.
 */
import { flattenNamespaces } from '../../namespaceTree';
import type { NamespaceNode } from '../../types';
import { CACHE_LIKE, formatBytes, formatCount, percent } from '../evidence';
import type { Recommendation } from '../recommendation';

/** Keys without TTL a namespace must hold to be reported, and the smallest share of it they must be. */
const MIN_KEYS_WITHOUT_TTL = 10;
const MIN_SHARE_WITHOUT_TTL = 0.01;

const withoutTtl = (n: NamespaceNode) => n.keys - n.keysWithTtl;

/** "session:*: 80 of 400 keys (20.0 %) have no TTL (10.6 KB of 53.1 KB)". */
function describe(n: NamespaceNode): string {
  const missing = withoutTtl(n);
  return `${n.pattern}: ${formatCount(missing)} of ${formatCount(n.keys)} ${n.keys === 1 ? 'key' : 'keys'} (${percent(missing, n.keys)}) ${missing === 1 ? 'has' : 'have'} no TTL (${formatBytes(n.memoryBytes - n.memoryWithTtl)} of ${formatBytes(n.memoryBytes)})`;
}

export const cacheNamespaceWithoutTtl: Recommendation = {
  id: 'cache-namespace-without-ttl',
  severity: 'warning',
  title: 'Cache and session keys without TTL',
  rationale: 'Keys named cache/session/token/lock/rate are meant to be temporary; written without an expiry they accumulate forever and, under a volatile-* policy, can never be evicted.',
  check({ report }) {
    const offenders = flattenNamespaces(report.namespaces)
      .filter((n) => CACHE_LIKE.test(n.pattern) && withoutTtl(n) >= MIN_KEYS_WITHOUT_TTL && withoutTtl(n) >= n.keys * MIN_SHARE_WITHOUT_TTL)
      // Report the outermost matching namespace only.
      .filter((n, _, all) => !all.some((other) => other !== n && other.depth < n.depth && n.pattern.startsWith(other.pattern.slice(0, -1))));
    if (offenders.length === 0) return undefined;
    const top = offenders.sort((a, b) => withoutTtl(b) - withoutTtl(a) || b.memoryBytes - a.memoryBytes).slice(0, 5);
    return {
      evidence: top.map(describe).join('; ') + '.',
      action: `Set the expiry in the same command as the write: SET key value EX <seconds> (redis-py: r.set(k, v, ex=3600); ioredis: redis.set(k, v, 'EX', 3600)); for hashes send HSET and EXPIRE in one MULTI/EXEC (an EXPIRE sent on its own is lost when the writer dies in between), and give the keys already without TTL one (SCAN + EXPIRE).`,
      examples: top.map((n) => n.pattern),
      namespaces: top.map((n) => n.pattern),
    };
  },
};
