/**
 * Shapes of Go cache writes that leave an entry without a TTL although the call does not pass expiration 0, for
 * cache-write-without-ttl: a cache-aside fill of a whole hash, and KEEPTTL on a key that is known to be missing.
 */
import type { RedisCallSite } from '../../analysis/model';

/**
 * A cache-aside fill of a whole hash: HSET of the key and one slice or map of field/value pairs built from what was
 * loaded (`HSet(ctx, prefix+userID, pairs)` in `WriteFollowListToCache`). One field written (`HSet(ctx, k, field, v)`)
 * updates an entry, and a composite literal (`map[string]any{"rate": r}`) is a record with fixed fields.
 */
export function hashFill(site: RedisCallSite): boolean {
  return site.command === 'HSET' && site.args.length === 2 && /^[A-Za-z_][\w.]*$/.test(site.args[1].text.trim().replace(/\.\.\.$/, ''));
}

/**
 * A go-redis SET with KEEPTTL (expiration -1, `redis.KeepTTL`) inside the branch that handles a missing key
 * (`if err == redis.Nil {`, `errors.Is(err, redis.Nil)`): the key does not exist, so there is no TTL to keep and the
 * new entry has none. KEEPTTL on the update of an entry that exists keeps its TTL.
 */
export function keepTtlOnMissingKey(text: string, site: RedisCallSite): boolean {
  const expiration = site.args[2]?.text.trim() ?? '';
  if (site.command !== 'SET' || (expiration !== '-1' && !/(?:^|\.)KeepTTL$/.test(expiration))) return false;
  const before = text.slice(site.enclosingFunction?.span.startOffset ?? 0, site.callSpan.startOffset);
  const branches = [...before.matchAll(/(?:==\s*redis\.Nil|errors\.Is\(\s*\w+\s*,\s*redis\.Nil\s*\))\s*\{/g)];
  const branch = branches[branches.length - 1];
  if (!branch) return false;
  let depth = 1;
  for (let i = branch.index + branch[0].length; i < before.length; i++) {
    if (before[i] === '{') depth++;
    else if (before[i] === '}' && --depth === 0) return false;
  }
  return true;
}
