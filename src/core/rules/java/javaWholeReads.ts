/** Java reads of whole collections: SMEMBERS, HGETALL/HVALS/HKEYS, LRANGE/ZRANGE 0 -1 and open score ranges. */
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { callText, methodOf, receiverName, shownJavaKey } from './javaSupport';
import { formatCallAsTemplate, isOwnerMembership, namesGatheringPlace, namesGrowingContent } from '../support/ownerMemberships';
import { javaFactsOf, type JavaFacts } from '../../analysis/java/javaFacts';
import { isBound } from './javaWriteChecks';

const WHOLE_READS: Record<string, string> = {
  SMEMBERS: 'SRANDMEMBER/SISMEMBER for what you need',
  HVALS: 'HMGET of the fields you need',
  HKEYS: 'HEXISTS for the fields you check',
  HGETALL: 'HMGET of the fields you need',
};

/** The paged read of a whole collection, in the client's own API. */
function pagedRead(site: RedisCallSite): string {
  const key = site.args[0]?.text ?? 'key';
  const hash = site.command.startsWith('H');
  switch (site.receiver.library) {
    case 'jedis':
      return `${receiverName(site, 'jedis')}.${hash ? 'hscan' : 'sscan'}(${key}, cursor, new ScanParams().count(500)) until the cursor is "0"`;
    case 'lettuce':
      return `ScanIterator.${hash ? 'hscan' : 'sscan'}(${receiverName(site, 'commands')}, ${key}, ScanArgs.Builder.limit(500))`;
    case 'redisson':
      return `${receiverName(site, 'map')}.${site.command === 'SMEMBERS' ? 'iterator(500)' : site.command === 'HKEYS' ? 'keySet(500)' : site.command === 'HVALS' ? 'values(500)' : 'entrySet(500)'} (SCAN in batches of 500)`;
    default:
      return `${receiverName(site, hash ? 'redisTemplate.opsForHash()' : 'redisTemplate.opsForSet()')}.scan(${key}, ScanOptions.scanOptions().count(500).build())`;
  }
}

/** A page of a list or sorted set, in the client's own API. */
function pagedRange(site: RedisCallSite): string {
  const key = site.args[0]?.text ?? 'key';
  const receiver = receiverName(site, 'redis');
  if (site.receiver.library === 'redisson') return `${receiver}.${site.command === 'LRANGE' ? 'range(from, from + 99)' : 'valueRange(from, from + 99)'} in pages`;
  if (site.receiver.library === 'spring-data-redis') return `${receiver}.${site.method}(${key}, start, start + 99) in pages`;
  return `${receiver}.${site.method}(${key}, start, start + 99) in pages`;
}

export function isWholeRange(site: RedisCallSite): boolean {
  // Redisson's readAll() of a list, queue or sorted set (a geo index is one) takes no range: LRANGE/ZRANGE 0 -1.
  if (site.receiver.library === 'redisson' && (site.method === 'readAll' || site.method === 'readAllAsync') && site.args.length === 0) return true;
  const start = site.args[1]?.value;
  const end = site.args[2];
  if (!start || !end || start.kind !== 'number' || start.value !== 0) return false;
  if (end.value.kind === 'number') return end.value.value === -1;
  // LRANGE 0 (LLEN - 1): the whole list in two commands.
  return /(llen|size|len)\w*\(.*\)-1$/i.test(end.text.replace(/\s+/g, ''));
}

/** ZRANGEBYSCORE up to +inf / Double.MAX_VALUE with no LIMIT (Redisson entryRange/valueRange without offset and count). */
function isOpenScoreRange(site: RedisCallSite): boolean {
  const text = site.args.map((a) => a.text).join(',');
  return site.args.length <= 4 && /MAX_VALUE|POSITIVE_INFINITY|"\+inf"/.test(text);
}

const SIZE_OF: Record<string, string> = { HLEN: 'hash', SCARD: 'set', LLEN: 'list', ZCARD: 'sorted set' };
export const WHOLE_READ_OF: Record<string, string> = { HGETALL: 'hash', HVALS: 'hash', HKEYS: 'hash', SMEMBERS: 'set', LRANGE: 'list', ZRANGE: 'sorted set', ZREVRANGE: 'sorted set' };

/**
 * `if (cart.size() >= 50) throw new ServiceException("cart is full");` before adding: the file caps a collection of
 * that type at a fixed size, so reading one of them whole is bounded by construction.
 */
function cappedTypes(context: RuleContext): Set<string> {
  const capped = new Set<string>();
  const text = context.model.text;
  for (const site of context.model.callSites) {
    const type = SIZE_OF[site.command];
    if (!type) continue;
    const after = text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 200);
    const check = /^\s*(?:>=|>|==)\s*(?:\d+|[A-Z][A-Z0-9_]*)\s*\)\s*(\{[^{}]*\}|[^;{}]*;)/.exec(after);
    if (check && /\b(?:throw|return)\b/.test(check[1])) capped.add(type);
  }
  return capped;
}

/** Mappers that fill an object's fields from a map: the hash holds one object's fields, not a growing set of entries. */
const BEAN_MAPPERS = /\b(?:fillBeanWithMap|mapToBean|toBean|convertValue|populate)\s*\(/;

/**
 * `Map<Object, Object> userMap = template.opsForHash().entries(tokenKey); UserDTO user = BeanUtil.fillBeanWithMap(userMap, new UserDTO(), false);`:
 * the HGETALL reads a small fixed-field object hash (a session, a profile) back into its class.
 */
function readIntoBean(text: string, site: RedisCallSite): boolean {
  if (site.command !== 'HGETALL') return false;
  const before = text.slice(Math.max(0, site.callSpan.startOffset - 200), site.callSpan.startOffset);
  const name = /\b([A-Za-z_$][\w$]*)\s*=\s*(?:\([^()]*\)\s*)?[\w.()\s]*$/.exec(before)?.[1];
  if (!name) return false;
  // The next few statements: the mapping follows the read.
  const after = text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 600);
  const mapper = BEAN_MAPPERS.exec(after);
  return !!mapper && new RegExp(`^\\s*${name.replace(/\$/g, '\\$')}\\b`).test(after.slice(mapper.index + mapper[0].length));
}

/** The literal key a call names: its string argument, or a local of its method holding one (`key.getBytes()` after `String key = "user:1"`). */
function literalKey(text: string, site: RedisCallSite): string | undefined {
  const value = site.args[0]?.value;
  if (value?.kind === 'string') return value.value;
  const name = /^(\w+)(?:\.getBytes\([^()]*\))?$/.exec(site.args[0]?.text.trim() ?? '')?.[1];
  if (!name || !site.enclosingFunction) return undefined;
  const body = text.slice(site.enclosingFunction.span.startOffset, site.span.startOffset);
  return [...body.matchAll(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"\\s*;`, 'g'))].pop()?.[1];
}

/** Every field of the map an HMSET writes is a literal: `m.put("name", …); m.put("age", …); putAll(key, m)`. */
function literalMapFields(text: string, write: RedisCallSite): boolean {
  const map = write.args[1]?.text.trim();
  if (!map || !/^\w+$/.test(map) || !write.enclosingFunction) return false;
  const body = text.slice(write.enclosingFunction.span.startOffset, write.span.startOffset);
  const puts = [...body.matchAll(new RegExp(`\\b${map}\\s*\\.\\s*put\\s*\\(\\s*([^,]*),`, 'g'))].map((m) => m[1].trim());
  return puts.length > 0 && puts.every((field) => /^"[^"]*"$/.test(field));
}

/** A conversion of one object into a map of its fields: `BeanUtil.beanToMap(shop)`, `mapper.convertValue(u, Map.class)`, `BeanUtils.describe(u)`. */
const OBJECT_TO_MAP = /\b(?:beanToMap|objectToMap|describe)\s*\(|\bconvertValue\s*\([^;]*\bMap\.class|\bBeanMap(?:\.create)?\s*\(/;

/**
 * The map an HMSET writes is one object's fields: `putAll(key, BeanUtil.beanToMap(shop))`, or a local assigned such a
 * conversion and given no computed field afterwards (`m = BeanUtil.beanToMap(v); m.put("ts", now); putAll(key, m)`).
 */
function objectMapFields(text: string, write: RedisCallSite): boolean {
  const map = write.args[1]?.text.trim();
  if (!map) return false;
  if (OBJECT_TO_MAP.test(map)) return true;
  if (!/^\w+$/.test(map) || !write.enclosingFunction) return false;
  const body = text.slice(write.enclosingFunction.span.startOffset, write.span.startOffset);
  const assignments = [...body.matchAll(new RegExp(`\\b${map}\\s*=(?!=)\\s*([^;]+);`, 'g'))];
  const last = assignments.pop();
  if (!last || !OBJECT_TO_MAP.test(last[1])) return false;
  const after = body.slice(last.index! + last[0].length);
  return [...after.matchAll(new RegExp(`\\b${map}\\s*\\.\\s*put\\s*\\(\\s*([^,]*),`, 'g'))].every((m) => /^"[^"]*"$/.test(m[1].trim()));
}

/**
 * An HSET of a literal field, or an HMSET of one object's fields (`putAll(key, BeanUtil.beanToMap(user))`, a map given
 * only literal fields): a write of an object hash with the fields of its class, not an entry per item of a collection.
 */
export function writesObjectFields(text: string, write: RedisCallSite): boolean {
  if (write.command === 'HSET') return /^"/.test(write.args[1]?.text ?? '"');
  return write.command === 'HMSET' && (literalMapFields(text, write) || objectMapFields(text, write));
}

/** The key expression a call names, through a local of its method (`key` after `String key = PREFIX + id;`), whitespace dropped. */
function resolvedKey(text: string, site: RedisCallSite): string | undefined {
  const arg = site.args[0]?.text.replace(/\s+/g, '');
  if (!arg || !/^[a-z]\w*$/.test(arg) || !site.enclosingFunction) return arg;
  const body = text.slice(site.enclosingFunction.span.startOffset, site.span.startOffset);
  return [...body.matchAll(new RegExp(`\\b${arg}\\s*=(?!=)\\s*([^;]+);`, 'g'))].pop()?.[1].replace(/\s+/g, '') ?? undefined;
}

/**
 * `put("user:1", "name", …)`, `put("user:1", "age", …)` then `entries("user:1")`: every write of the hash in this file
 * names its fields in the code, so the hash holds one object's few fields, not an entry per item. A key built at run
 * time (`RESTAURANT + id`) counts when every write of the same expression stores one object's fields
 * (`putAll(key, BeanUtil.beanToMap(restaurant))`): one hash per entity, each with the fields of its class.
 */
function fixedFieldHash(text: string, site: RedisCallSite, hashWrites: readonly RedisCallSite[], facts: JavaFacts | undefined): boolean {
  if (!site.command.startsWith('H') || !namesKeyFirst(site)) return false;
  const namedFields = (w: RedisCallSite) => (w.command === 'HMSET' ? literalMapFields(text, w) || objectMapFields(text, w) : /^"[^"]*"$/.test(w.args[1]?.text.trim() ?? ''));
  const key = literalKey(text, site);
  if (key !== undefined) {
    const writes = hashWrites.filter((s) => literalKey(text, s) === key);
    return writes.length > 0 && writes.every(namedFields);
  }
  const expression = resolvedKey(text, site);
  if (!expression) {
    // `hgetAll(myHkey)` with `private String myHkey;`: the object's own hash, which its other methods write field by field.
    const field = fieldKey(text, site, facts);
    if (!field) return false;
    const fieldWrites = hashWrites.filter((s) => fieldKey(text, s, facts) === field);
    return fieldWrites.length > 0 && fieldWrites.every(namedFields);
  }
  // `put(itemKey, "status", s)`, `putAll(itemKey, data)` after `data.put("id", id)`: a record per entity, its fields named.
  const writes = hashWrites.filter((s) => resolvedKey(text, s) === expression);
  return writes.length > 0 && writes.every(namedFields);
}

/**
 * The field a call takes its key from (`myHkey`, `this.myHkey` with `private String myHkey;`), when it is neither a
 * parameter nor a local of the method: every method of the object reads and writes the same key. A parameter stays
 * whatever key each caller passes, as a wrapper's read.
 */
function fieldKey(text: string, site: RedisCallSite, facts: JavaFacts | undefined): string | undefined {
  const name = /^(?:this\.)?([A-Za-z_$][\w$]*)$/.exec(site.args[0]?.text.replace(/\s+/g, '') ?? '')?.[1];
  // A lambda's parameters are not listed: only a call directly in a method is judged.
  const method = methodOf(site, facts);
  if (!name || !method || method.params.includes(name)) return undefined;
  const escaped = name.replace(/\$/g, '\\$');
  if (new RegExp(`(?<![\\w$.])${escaped}\\s*=(?!=)`).test(text.slice(method.start, site.span.startOffset))) return undefined;
  const declared = new RegExp(`^[ \\t]*(?:(?:private|protected|public|static|final|volatile|transient)\\s+)*[\\w$<>,.?\\[\\] ]+\\s${escaped}\\s*[;=]`, 'm');
  return declared.test(text) ? name : undefined;
}

/**
 * `RMap<String, Object> map = redisson.getMap(key); return map.readAllMap();` with `key` a parameter of the method (or
 * `redisson.getMap(key).readAllMap()`): a generic wrapper reading whichever hash its caller names, judged like the
 * wrappers of the command-style clients, not as one object's map.
 */
function openedWithParameter(text: string, site: RedisCallSite, facts: JavaFacts | undefined): boolean {
  const method = methodOf(site, facts);
  if (!method) return false;
  const opened = /\.(?:<[^<>]*>\s*)?get\w*Map\w*\(\s*([A-Za-z_$][\w$]*)\s*[,)]/;
  let name = opened.exec(site.receiver.text)?.[1];
  if (!name && /^[A-Za-z_$][\w$]*$/.test(site.receiver.text)) {
    const variable = site.receiver.text.replace(/\$/g, '\\$');
    const body = text.slice(method.start, site.span.startOffset);
    const assigned = [...body.matchAll(new RegExp(`\\b${variable}\\s*=\\s*[\\w.]*?(\\.(?:<[^<>]*>\\s*)?get\\w*Map\\w*\\([^;]*)`, 'g'))].pop()?.[1];
    name = assigned ? opened.exec(assigned)?.[1] : undefined;
  }
  if (!name) return false;
  const body = text.slice(method.start, site.span.startOffset);
  // Reassigned in the method (`key = PREFIX + id`): no longer the caller's name as given.
  return method.params.includes(name) && !new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=(?!=)`).test(body);
}

/** What two calls of the file must both name to be taken for the same key: its literal, or its expression as last assigned. */
function keyExpression(text: string, site: RedisCallSite): string | undefined {
  if (!namesKeyFirst(site)) return undefined;
  const literal = literalKey(text, site);
  return literal !== undefined ? JSON.stringify(literal) : resolvedKey(text, site);
}

const EXPIRIES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);

/**
 * `range(playlistKey, 0, -1)` of a list that the file also gives a TTL (`expire(playlistKey, ttl, SECONDS)`): the
 * list holds one session's or batch's entries and goes with it, as the rule reads lists the project expires, unless
 * its name says it gathers what arrives per event or per member of an audience. The same holds for a set refilled
 * and expired per owner (`members(ONLINE_CLIENT + account)` then `expire(...)`: one account's devices), unless its
 * id is a place an audience gathers in (a room's online users come and go with the room's audience).
 */
function expiredList(text: string, site: RedisCallSite, sites: readonly RedisCallSite[], facts?: JavaFacts): boolean {
  if (site.command !== 'LRANGE' && site.command !== 'SMEMBERS') return false;
  const key = keyExpression(text, site);
  // `room:{id}:messages` expired on every push keeps a sliding window of what arrives, not one session's entries.
  if (key === undefined || namesGrowingContent(formatCallAsTemplate(key))) return false;
  if (site.command === 'SMEMBERS' && namesGatheringPlace(formatCallAsTemplate(key))) return false;
  // A set is refilled and expired where it is read, under a key the method builds: a generic wrapper's `members(key)`
  // and `expire(key, s)` name whatever keys their callers pass, not one owner's set.
  if (site.command === 'SMEMBERS' && methodOf(site, facts)?.params.includes(key)) return false;
  const sameMethod = (s: RedisCallSite) => site.command !== 'SMEMBERS' || s.enclosingFunction?.span.startOffset === site.enclosingFunction?.span.startOffset;
  return sites.some((s) => EXPIRIES.has(s.command) && sameMethod(s) && keyExpression(text, s) === key);
}

/**
 * `delete(key); leftPushAll(key, ranked)`: every push to the list in the file replaces it whole with the one collection
 * its writer computed (a top-ten snapshot a job rebuilds), so it holds that collection, not an entry per event. The
 * site is any call naming the list's key: the whole read, or the DEL (del-large-key reads the list the same way).
 */
export function replacedWholeList(text: string, site: RedisCallSite, sites: readonly RedisCallSite[]): boolean {
  const key = keyExpression(text, site);
  if (key === undefined) return false;
  const pushes = sites.filter((s) => (s.command === 'LPUSH' || s.command === 'RPUSH') && keyExpression(text, s) === key);
  return (
    pushes.length > 0 &&
    pushes.every((push) => {
      if (!/PushAll$/.test(push.method) || !push.enclosingFunction) return false;
      const start = push.enclosingFunction.span.startOffset;
      return sites.some((s) => (s.command === 'DEL' || s.command === 'UNLINK') && s.span.startOffset >= start && s.span.startOffset < push.span.startOffset && keyExpression(text, s) === key);
    })
  );
}

/** Redisson maps and bound operations carry their key in the receiver: their first argument is a field. */
function namesKeyFirst(site: RedisCallSite): boolean {
  return site.receiver.library !== 'redisson' && !/\.bound\w+Ops\(/.test(site.receiver.text);
}

/**
 * The file's HSET/HMSET/HSETNX calls that name their key first, in file order: listed once per file, not once per
 * whole read (a large file's reads each walked all its call sites).
 */
function keyFirstHashWrites(sites: readonly RedisCallSite[]): RedisCallSite[] {
  return sites.filter((s) => (s.command === 'HSET' || s.command === 'HMSET' || s.command === 'HSETNX') && namesKeyFirst(s));
}

export function javaUnboundedCollectionRead(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const capped = cappedTypes(context);
  const hashWrites = keyFirstHashWrites(context.model.callSites);
  for (const site of context.model.callSites) {
    let how: string | undefined;
    if (capped.has(WHOLE_READ_OF[site.command] ?? '') || readIntoBean(context.model.text, site)) continue;
    if (Object.hasOwn(WHOLE_READS, site.command) && fixedFieldHash(context.model.text, site, hashWrites, facts)) continue;
    if (site.command === 'SMEMBERS' && expiredList(context.model.text, site, context.model.callSites, facts)) continue;
    if (Object.hasOwn(WHOLE_READS, site.command)) {
      // Redisson's readAllMap mostly reads small object maps, unless the map is whichever one the method's caller names.
      if (/^readAll(?:Map|EntrySet)(?:Async)?$/.test(site.method) && !openedWithParameter(context.model.text, site, facts)) continue;
      how = `${pagedRead(site)}, or ${WHOLE_READS[site.command]}`;
    } else if ((site.command === 'LRANGE' || site.command === 'ZRANGE' || site.command === 'ZREVRANGE') && isWholeRange(site)) {
      if (expiredList(context.model.text, site, context.model.callSites) || (site.command === 'LRANGE' && replacedWholeList(context.model.text, site, context.model.callSites))) continue;
      how = pagedRange(site);
    } else if ((site.command === 'ZRANGEBYSCORE' || site.command === 'ZREVRANGEBYSCORE') && isOpenScoreRange(site)) {
      how = 'a LIMIT (offset, count), or ZCOUNT when only the number is needed';
    } else if ((site.command === 'ZRANGEBYLEX' || site.command === 'ZREVRANGEBYLEX') && site.args.length === 1 && site.receiver.library === 'spring-data-redis') {
      // RedisConnection.zRangeByLex(key) with no Range reads from - to +: every member.
      how = 'a Range and a Limit (offset, count)';
    }
    if (!how || javaOwnerMembership(context.model.text, site) || namesOneCart(context.model.text, site) || cappedOnWrite(context.model.text, site, context.model.callSites)) continue;
    context.report({
      messageId: '{{call}} reads the whole {{command}} reply of {{key}} in one command: O(N) on the server and one huge reply as the collection grows; use {{how}}.',
      data: { call: callText(site), command: site.command, key: redissonObject(site, context.model.text) ?? shownJavaKey(site), how },
      span: site.span,
    });
  }
}

/** `cartKey`, `getCartKey`, `shopCartId`, `basketKey`: a name for one shopper's cart, its key or its id. */
const CART_NAME = /^(?:get|build|make)?_?(?:shop(?:ping)?_?)?(?:cart|basket)_?(?:key|id|name)?$/i;

/**
 * `entries(cartKey(sessionId))`, `hgetAll(cartId)`, `boundHashOps(cartKey).values()`, `getMap(getCartKey(userId))`: the
 * key is named, by the file's key builder, the parameter or the local it comes in, as one cart, whatever id the
 * project keys its carts by (a user, a table session, a guest token). A cart holds the items one shopper put in it,
 * a membership as large as one owner's share, as the owner-membership reading has it for `cart:{id}` keys.
 */
function namesOneCart(text: string, site: RedisCallSite): boolean {
  if (!/^(SMEMBERS|HGETALL|HKEYS|HVALS)$/.test(site.command)) return false;
  const names: (string | undefined)[] = [];
  if (site.receiver.library === 'redisson') names.push(redissonObject(site, text));
  else if (isBound(site.receiver.text, text)) names.push(boundArgument(text, site), boundKey(text, site));
  else names.push(site.args[0]?.text, resolvedKey(text, site));
  return names.some((name) => {
    const called = /^(?:this\.)?([A-Za-z_$][\w$]*)(?:\([^()]*\))?$/.exec(name?.replace(/\s+/g, '') ?? '')?.[1];
    return !!called && CART_NAME.test(called);
  });
}

/** The key text bound operations were opened with, as written (`cartKey` in `ops = redis.boundHashOps(cartKey)`). */
function boundArgument(text: string, site: RedisCallSite): string | undefined {
  const direct = /\.bound\w+Ops\(([^()]*)\)$/.exec(site.receiver.text)?.[1];
  if (direct !== undefined) return direct;
  const name = /^(?:this\.)?([A-Za-z_$][\w$]*)$/.exec(site.receiver.text)?.[1];
  if (!name || !site.enclosingFunction) return undefined;
  const body = text.slice(site.enclosingFunction.span.startOffset, site.span.startOffset);
  return [...body.matchAll(new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*=\\s*[\\w.]*\\.bound\\w+Ops\\(([^()]*(?:\\([^()]*\\))?[^()]*)\\)`, 'g'))].pop()?.[1];
}

const TRIMS = new Set(['LTRIM', 'ZREMRANGEBYRANK', 'XTRIM']);
const POPS = new Set(['RPOP', 'LPOP', 'ZPOPMIN', 'ZPOPMAX', 'LTRIM', 'ZREMRANGEBYRANK']);
const SIZES = new Set(['LLEN', 'ZCARD']);

/**
 * A list or sorted set the file caps on write, as the rule's definition leaves out: trimmed under the same key
 * (`trim(key, 0, 99)` after each push, `removeRange(key, 0, -501)`), or popped when a size check finds it at its
 * limit (`if (ops.size("recent") == 500L) ops.rightPop("recent");` before the push).
 */
function cappedOnWrite(text: string, site: RedisCallSite, sites: readonly RedisCallSite[]): boolean {
  if (site.command !== 'LRANGE' && site.command !== 'ZRANGE' && site.command !== 'ZREVRANGE') return false;
  const key = keyExpression(text, site);
  if (key === undefined) return false;
  const same = (s: RedisCallSite) => keyExpression(text, s) === key;
  if (sites.some((s) => TRIMS.has(s.command) && same(s))) return true;
  return sites.some((size) => {
    if (!SIZES.has(size.command) || !same(size)) return false;
    const after = text.slice(size.callSpan.endOffset, size.callSpan.endOffset + 300);
    const check = /^\s*(?:>=|>|==)\s*(?:\d+[lL]?|[A-Za-z_$][\w$.]*)\s*\)/.exec(after);
    if (!check) return false;
    const from = size.callSpan.endOffset + check[0].length;
    return sites.some((pop) => POPS.has(pop.command) && pop.span.startOffset >= from && pop.span.startOffset < from + 200 && same(pop));
  });
}

/**
 * One owner's membership (a user's roles, a cart) is as large as what one owner has: the definition the Python and
 * JavaScript checks apply, read from the Java key (the Redisson object's name, the key bound operations were opened
 * on, or the key as last assigned).
 */
function javaOwnerMembership(text: string, site: RedisCallSite): boolean {
  const expression = site.receiver.library === 'redisson' ? redissonObject(site, text) : isBound(site.receiver.text, text) ? boundKey(text, site) : resolvedKey(text, site);
  if (!expression) return false;
  const { key, constants } = withConstantValues(text, expression);
  // Who is online for an account (`ONLINE_CLIENT + account`) is whatever connects, an entry per connection rather
  // than what the account has: such a presence set is left out only when the file expires it (expiredList).
  if (constants.length > 0 && /online|presence/i.test(`${key} ${constants.join(' ')}`)) return false;
  // A constant's name can say what the value abbreviates (`USER_FOLLOWS = "uf:"`): it is read as part of the key's name.
  return isOwnerMembership(formatCallAsTemplate(key), site.command) && !constants.some((name) => namesGrowingContent({ identity: name, source: `"${name}"` }));
}

/**
 * The key bound operations were opened on (`hashOps = template.boundHashOps(cartKey); hashOps.values()`), followed
 * to the local it was last assigned in the method (`cartKey = CART_PREFIX + userId`); a parameter stays as it is.
 */
function boundKey(text: string, site: RedisCallSite): string | undefined {
  const direct = /\.bound\w+Ops\(([^()]*)\)$/.exec(site.receiver.text)?.[1];
  const name = /^(?:this\.)?([A-Za-z_$][\w$]*)$/.exec(site.receiver.text)?.[1];
  if (direct === undefined && (!name || !site.enclosingFunction)) return undefined;
  const body = site.enclosingFunction ? text.slice(site.enclosingFunction.span.startOffset, site.span.startOffset) : '';
  const bound = direct ?? [...body.matchAll(new RegExp(`\\b${name!.replace(/\$/g, '\\$')}\\s*=\\s*[\\w.]*\\.bound\\w+Ops\\(([^()]*)\\)`, 'g'))].pop()?.[1];
  const arg = bound?.replace(/\s+/g, '');
  if (!arg || !/^[a-z]\w*$/.test(arg)) return arg || undefined;
  return [...body.matchAll(new RegExp(`\\b${arg}\\s*=(?!=)\\s*([^;]+);`, 'g'))].pop()?.[1].replace(/\s+/g, '');
}

/**
 * The key with each string constant the file declares written as its value (`CART_KEY + userId` with
 * `CART_KEY = "cart:user:"` reads `"cart:user:" + userId`), so the constant is read as the key's name rather than taken
 * for the id it is built from; constants declared elsewhere stay as written. Also the names of the constants replaced.
 */
function withConstantValues(text: string, expression: string): { key: string; constants: string[] } {
  const values = fileStringConstants(text);
  const constants: string[] = [];
  if (values.size === 0) return { key: expression, constants };
  const key = expression.replace(/("(?:\\.|[^"\\])*")|(?<![\w$.])(?:(this|[A-Z]\w*)\.)?([A-Z][A-Z0-9_]*)\b(?![\w$.(])/g, (whole, literal: string | undefined, owner: string | undefined, name: string) => {
    if (literal !== undefined) return literal;
    // `Other.CART` is another class's constant, which may differ from this file's `CART`.
    if (owner !== undefined && owner !== 'this' && !values.classes.has(owner)) return whole;
    const value = values.get(name);
    if (value === undefined) return whole;
    constants.push(name);
    return `"${value}"`;
  });
  return { key, constants };
}

/** `String CART_KEY = "cart:user:";` declarations of the file (a name declared twice with different values is left out). */
function fileStringConstants(text: string): Map<string, string> & { classes: Set<string> } {
  if (constantsCache.text === text) return constantsCache.values;
  const values = Object.assign(new Map<string, string>(), { classes: new Set<string>() });
  const conflicting = new Set<string>();
  for (const match of text.matchAll(/\bString\s+([A-Z][A-Z0-9_]*)\s*=\s*"((?:\\.|[^"\\])*)"\s*;/g)) {
    if (values.has(match[1]) && values.get(match[1]) !== match[2]) conflicting.add(match[1]);
    values.set(match[1], match[2]);
  }
  for (const name of conflicting) values.delete(name);
  for (const match of text.matchAll(/\b(?:class|interface|enum)\s+([A-Z]\w*)/g)) values.classes.add(match[1]);
  constantsCache = { text, values };
  return values;
}

let constantsCache: { text: string; values: Map<string, string> & { classes: Set<string> } } = { text: '', values: Object.assign(new Map<string, string>(), { classes: new Set<string>() }) };

/** The name a Redisson object was opened with, when the call is on one (`events` opened with `redisson.getStream("events")`). */
export function redissonObject(site: RedisCallSite, text: string): string | undefined {
  if (site.receiver.library !== 'redisson' || !/^[\w.]+$/.test(site.receiver.text)) return undefined;
  const variable = site.receiver.text.replace(/^this\./, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b${variable}\\s*=\\s*[\\w.]*?\\.get[A-Z]\\w*\\(([^;,)]*)`).exec(text)?.[1]?.trim() || undefined;
}
