/** The opening comment and Lua script of the generated cache-aside modules. */
import type { ModuleHeader } from '../../header';

export function cacheAsideHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'cache-aside',
    title: 'Cache-aside: get-or-load with a jittered TTL and a short per-key lock against stampedes.',
    why: [
      'A plain string per cached value (JSON) is the cheapest structure for whole-object reads. On a miss, one',
      'caller wins a short SET NX PX lock and runs the loader; the others poll the value until it appears, so',
      '50 concurrent misses cost one loader call, across processes. The TTL carries random jitter so keys',
      'written together do not expire together. Value and lock share the {key} hash tag, so polling both in one',
      'pipeline is valid on Redis Cluster.',
    ],
    complexity: ['get_or_load / getOrLoad: O(1) per round trip; a hit is one GET.', 'invalidate: O(1) (UNLINK).'],
    memory: ['About 70 bytes of key overhead plus the JSON size per cached value; the lock key exists only while loading.'],
    keys: [`${prefix}:{<key>} (string, TTL = ttl * [1, 1 + jitter]), ${prefix}:{<key>}:lock (string, TTL = lock lease).`],
    limits: [
      'Waiters give up after the wait timeout and call the loader themselves rather than fail.',
      'Invalidate after writing the source of truth; a reader that loaded before the write may still cache the old value until its TTL.',
    ],
  };
}

/** KEYS[1] lock; ARGV[1] token. Deletes only our own lock. */
export const UNLOCK_LUA = ["if redis.call('GET', KEYS[1]) == ARGV[1] then", "  return redis.call('DEL', KEYS[1])", 'end', 'return 0'];
