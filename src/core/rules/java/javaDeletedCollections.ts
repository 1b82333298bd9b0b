/**
 * What a Java DEL deletes when its key is not written in the same form in the file: a key pattern (`"cart:" + uid`,
 * or the pattern a KEYS call matched the deleted keys with) or a family built from a constant (`RedisKeys.CART + uid`)
 * that this file or another file of the project fills as a collection.
 */
import { keyPatternOf } from '../../analysis/argumentValues';
import { javaKeyFamily } from '../../analysis/java/javaKeyFamilies';
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { writesObjectFields } from './javaWholeReads';

/** Writes that make a key a collection, by the type they make. Hashes count only in this file (see below). */
const COLLECTION_WRITES: Record<string, string> = { RPUSH: 'list', LPUSH: 'list', SADD: 'set', ZADD: 'sorted set', HSET: 'hash', HMSET: 'hash', XADD: 'stream' };
/** Writes that make a key a string: a DEL of such a key frees one value. */
const STRING_WRITES = new Set(['SET', 'SETEX', 'PSETEX', 'SETNX', 'INCR', 'INCRBY', 'DECR', 'DECRBY', 'GETSET', 'APPEND', 'MSET']);

/** `Set<String> keys = template.keys("cart:*"); … template.delete(keys)`: the pattern the deleted keys were found with. */
function foundByKeys(context: RuleContext, site: RedisCallSite): string | undefined {
  const name = site.args[0]?.text.trim();
  if (!name || !/^\w+$/.test(name)) return undefined;
  const text = context.model.text;
  const keys = context.model.callSites.find(
    (s) => s.command === 'KEYS' && s.enclosingFunction?.span.startOffset === site.enclosingFunction?.span.startOffset && s.span.startOffset < site.span.startOffset && new RegExp(`\\b${name}\\s*=\\s*$`).test(text.slice(Math.max(0, s.callSpan.startOffset - 80), s.callSpan.startOffset)),
  );
  return keys ? keyPatternOf(keys.args[0]) : undefined;
}

/** Families of the file's call sites, worked out once per file model: a DEL is compared with every call of the file. */
const families = new WeakMap<object, Map<RedisCallSite, string | undefined>>();

function familyOf(context: RuleContext, site: RedisCallSite): string | undefined {
  let known = families.get(context.model);
  if (!known) families.set(context.model, (known = new Map()));
  if (!known.has(site)) known.set(site, javaKeyFamily(context.model.text, site));
  return known.get(site);
}

/**
 * The collection type, and where it is filled, of the key pattern a DEL deletes: filled under the same pattern by
 * this file (any collection), or by another file of the project (lists, sets, sorted sets and streams: another
 * file's hash of that name is as often one object's few fields). Undefined when this file writes the pattern as a
 * string, or nothing fills it as a collection.
 */
export function collectionOfPattern(context: RuleContext, site: RedisCallSite): { type: string; how: string; write?: RedisCallSite } | undefined {
  const text = context.model.text;
  const literal = keyPatternOf(site.args[0]) ?? foundByKeys(context, site);
  const pattern = literal && /[\w:]/.test(literal.replace(/\*/g, '')) ? literal : literal ? undefined : familyOf(context, site);
  if (!pattern) return undefined;
  const local = context.model.callSites.filter((s) => (keyPatternOf(s.args[0]) ?? (literal ? undefined : familyOf(context, s))) === pattern);
  if (local.some((s) => STRING_WRITES.has(s.command))) return undefined;
  const write = local.find((s) => Object.hasOwn(COLLECTION_WRITES, s.command) && !writesObjectFields(text, s));
  if (write) return { type: COLLECTION_WRITES[write.command], how: `filled with ${write.command} here`, write };
  if (!context.workspaceKeys) return undefined;
  for (const [command, type] of Object.entries(COLLECTION_WRITES)) {
    if (type === 'hash') continue;
    if (context.workspaceKeys.hasCommandOnKey([command], pattern)) return { type, how: `filled with ${command} in another file of the project` };
  }
  return undefined;
}
