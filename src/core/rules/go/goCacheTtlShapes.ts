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

/** The reply of a GET tested for a missing key: `len(data) == 0`, `err == redis.Nil`, `errors.Is(err, redis.ErrNil)`, `val == ""`. */
const MISS_TEST = /\blen\(\s*\w+\s*\)\s*(?:==\s*0|<\s*1)|==\s*redis\.(?:Nil|ErrNil)\b|errors\.Is\(\s*\w+\s*,\s*redis\.(?:Nil|ErrNil)\s*\)|\w+\s*==\s*""/;
/** The reply tested for a hit, a branch that returns what was read: `if err == nil {`, `if len(data) > 0 {`, `if val != "" {`. */
const HIT_TEST = /^(?:err\w*\s*==\s*nil|len\(\s*\w+\s*\)\s*(?:>\s*0|!=\s*0)|\w+\s*!=\s*"")$/;

/** `if` blocks of a text: each condition with the offsets of its braces (the text must hold the whole block). */
function ifBlocks(text: string): { condition: string; open: number; close: number }[] {
  const blocks: { condition: string; open: number; close: number }[] = [];
  for (const match of text.matchAll(/\bif\s+(?:[^{};\n]*;\s*)?([^{\n]*?)\s*\{/g)) {
    const open = match.index + match[0].length - 1;
    let depth = 0;
    let close = text.length;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) {
        close = i;
        break;
      }
    }
    blocks.push({ condition: match[1], open, close });
  }
  return blocks;
}

/**
 * A read-through fill: the function GETs a key and, where the reply says the key is missing (inside `if len(data) ==
 * 0 {` / `if err == redis.Nil {`, or after `if err == nil { return ... }` returned the hit), SETs the same key to a
 * value it built from what it loaded (a marshalled record, not a literal). The key is a cache of that data whatever
 * it is named. A literal value (`Set(ctx, "visits", 0, 0)` on a miss) initialises a counter, and a SET after a GET
 * that is no miss branch updates the value that was read.
 */
export function fillsOnMiss(text: string, sites: readonly RedisCallSite[], site: RedisCallSite, keyOf: (site: RedisCallSite) => string | undefined): boolean {
  const fn = site.enclosingFunction;
  const value = site.args[1]?.text.trim() ?? '';
  if (site.command !== 'SET' || !fn || !value || /^(?:["`'\d-]|true$|false$|nil$)/.test(value)) return false;
  const key = keyOf(site);
  const read = key && sites.find((s) => s.command === 'GET' && s.enclosingFunction?.span.startOffset === fn.span.startOffset && s.span.startOffset < site.span.startOffset && keyOf(s) === key);
  if (!read) return false;
  const from = read.callSpan.endOffset;
  const body = text.slice(from, fn.span.endOffset);
  const at = site.span.startOffset - from;
  return ifBlocks(body).some(({ condition, open, close }) => {
    if (open < at && at < close) return MISS_TEST.test(condition);
    return close < at && HIT_TEST.test(condition.trim()) && /\breturn\b/.test(body.slice(open, close));
  });
}
