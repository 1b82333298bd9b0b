/**
 * cache-write-without-ttl for Java: a value written as a cache entry (by RedisTemplate, Jedis, Lettuce, Redisson or
 * a project wrapper, or through @Cacheable) with no TTL, where the code gives no sign the entry is meant to last.
 */
import { javaFactsOf, type JavaFacts, type JavaMethod } from '../../analysis/java/javaFacts';
import type { RedisCallSite } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { callText, hasTtlArgument, methodOf, receiverName, redissonName, shownJavaKey, sitesByMethod } from './javaSupport';
import { EXPIRES, isBound, sameFunction, setWithTtl } from './javaWriteChecks';
import { CACHE_TTL_IN_FILE } from '../../analysis/java/springCacheTtl';

/** The method forwards its own parameters: a wrapper's TTL-less overload, whose caller chooses. */
function isForwardingWrapper(site: RedisCallSite, context: RuleContext): boolean {
  const method = methodOf(site, javaFactsOf(context.model));
  const key = site.args[0]?.text;
  if (!method || !key || !method.params.includes(key) || method.params.length > 3) return false;
  // Named after the command it wraps (set, setObject, hSet, put...), not after what it caches (putIntoCache).
  return !CACHE_WORD.test(method.name) && (method.name.toLowerCase().includes(site.method.toLowerCase()) || method.name.toUpperCase().includes(site.command));
}

const CACHE_WORD = /cache/i;

/**
 * A wrapper's TTL-less write of the key its caller passes, next to an overload or variant that takes a timeout
 * (`setCacheObject(key, value)` beside `setCacheObject(key, value, timeout, unit)` or `setCacheObjectWithTimeout`):
 * the wrapper offers both, the caller chooses. An HSET or HMSET that only forwards the caller's hash, field and value
 * (`setCacheMapValue(key, hKey, v)`, `setCacheMap(key, map)`) writes the caller's hash, whatever the wrapper's name says.
 */
function offeredWithTtl(write: RedisCallSite, method: JavaMethod, facts: JavaFacts | undefined): boolean {
  const key = write.args[0]?.text;
  if (!key || !method.params.includes(key)) return false;
  // A thin HSET wrapper hands on all three of its caller's arguments; one that builds the value (`putCache`) writes entries itself.
  if (write.command === 'HSET' || write.command === 'HMSET') return write.args.every((a) => method.params.includes(a.text));
  const variants = facts?.methods.filter((m) => m !== method && m.name.startsWith(method.name)) ?? [];
  return variants.some((m) => m.params.some((p) => /time|ttl|expire|duration|seconds|minutes/i.test(p)));
}

/**
 * Calls whose key is their receiver: a Redisson object (`bucket.set(v)`, `cache.put(id, v)`) or bound operations
 * (`template.boundHashOps("items").put(id, v)`). Their arguments start after the key.
 */
function keyedByReceiver(site: RedisCallSite, text: string): boolean {
  return site.receiver.text !== '' && (site.receiver.library === 'redisson' || isBound(site.receiver.text, text));
}

/** The key a call addresses, as source text: its first argument, or its receiver when the receiver is the key. */
function keyOf(site: RedisCallSite, text: string): string | undefined {
  return keyedByReceiver(site, text) ? `@${site.receiver.text}` : site.args[0]?.text;
}

/** The value a SET or HSET writes: its last argument after the key (and the field). */
function writtenValue(site: RedisCallSite, text: string): string {
  const rest = keyedByReceiver(site, text) ? site.args : site.args.slice(1);
  return rest[site.command === 'HSET' ? 1 : 0]?.text ?? '';
}

/** Commands that remove entries of a hash, or the hash, or give it an expiry. */
const PRUNES_HASH = new Set(['HDEL', 'DEL', 'UNLINK', ...EXPIRES]);

export function javaCacheWriteWithoutTtl(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const byMethod = sitesByMethod(context.model.callSites);
  const text = context.model.text;
  for (const write of context.model.callSites) {
    const sites = byMethod.get(write.enclosingFunction?.span.startOffset ?? -1) ?? [];
    if ((write.command !== 'SET' && write.command !== 'HSET' && write.command !== 'HMSET') || write.batched) continue;
    const byReceiver = keyedByReceiver(write, text);
    const rest = byReceiver ? write.args : write.args.slice(1);
    if (write.command === 'SET' && (hasTtlArgument(write) || rest.length > 1)) continue;
    if (write.command === 'HSET' && rest.length !== 2) continue;
    // HMSET of one map: a whole object stored as a hash (`putAll(key, BeanUtil.beanToMap(shop))`).
    if (write.command === 'HMSET' && rest.length !== 1) continue;
    if (isForwardingWrapper(write, context)) continue;
    const fn = write.enclosingFunction;
    const method = methodOf(write, facts);
    if (method && offeredWithTtl(write, method, facts)) continue;
    const key = keyOf(write, text);
    const opened = byReceiver ? redissonName(write, text) : undefined;
    // The name a Redisson object was opened with is cut at its first `)`: a call in it (`getMap(keyOf(id))`) shows the receiver instead.
    const keyName = byReceiver ? ((opened && !opened.includes('(') ? opened : undefined) ?? /\.bound\w+Ops\(([^()]*)\)$/.exec(write.receiver.text)?.[1] ?? write.receiver.text) : (write.args[0]?.text ?? '');
    const cacheNamed = CACHE_WORD.test(`${fn?.name ?? ''} ${keyName}`) || (method !== undefined && method.annotations.some((a) => /Cache/.test(a)));
    // Cache-aside: the method read the same key before writing it (an object hash: read whole, written whole).
    const readsBack = (s: RedisCallSite) => s.command === 'GET' || s.command === 'HGET' || s.command === 'EXISTS' || (write.command === 'HMSET' && s.command === 'HGETALL');
    const read = sites.find((s) => readsBack(s) && sameFunction(s, write) && s.span.startOffset < write.span.startOffset && keyOf(s, text) === key);
    // Written back on a miss; an update of an entry that was found (`if (o != null) set(...)`) keeps the entry's fate.
    const between = read ? text.slice(read.callSpan.endOffset, write.span.startOffset) : '';
    const readFirst = read !== undefined && !(/!=\s*null/.test(between) && !/==\s*null|isEmpty|isBlank/.test(between)) && !leavesOnMiss(text, read, between) && !writesBackWhatItRead(text, read, writtenValue(write, text), write)
      // A Redisson object or bound operations also hold carts and state: only a write inside the branch taken when the read found nothing fills a cache.
      && (!byReceiver || (read.command !== 'EXISTS' && insideMissBranch(text, read, write)))
      // A hash read whole and written whole is also a record updated in place: only a write on the miss fills a cache.
      && (write.command !== 'HMSET' || insideMissBranch(text, read, write))
      // Read (after WATCH) and written back inside MULTI: a check-and-set of state (a token bucket's tokens), not a refill.
      && !write.inTransaction
      && !writtenOnHitToo(text, read, write, sites);
    const inCacheClass = CACHE_WORD.test(context.model.path.split('/').pop() ?? '') && write.receiver.confidence === 'likely';
    if (!cacheNamed && !readFirst && !inCacheClass) continue;
    // The method claimed the same key with SETNX first (`setIfAbsent(key, v)`, then `set(key, v)` on a take-over): a lock or claim, not a cache entry.
    if (!cacheNamed && sites.some((s) => s.command === 'SETNX' && sameFunction(s, write) && s.span.startOffset < write.span.startOffset && keyOf(s, text) === key)) continue;
    const expires = sites.some((s) => EXPIRES.has(s.command) && sameFunction(s, write) && keyOf(s, text) === key);
    if (expires || (method && expiresLogically(text.slice(method.start, write.span.startOffset), writtenValue(write, text)))) continue;
    // A hash of entries that the file evicts one by one (HDEL when the record changes), deletes or expires elsewhere is
    // kept in step with its source, as the rule's definition of cache hashes says; a refill on a miss is still judged above.
    if (write.command === 'HSET' && !readFirst && !byReceiver && context.model.callSites.some((s) => PRUNES_HASH.has(s.command) && keyOf(s, text) === key)) continue;
    context.report({
      messageId: '{{call}} writes the cache entry {{key}} without a TTL: it stays until it is deleted, and the cache only grows. {{advice}}',
      data: {
        call: callText(write),
        key: byReceiver ? keyName : shownJavaKey(write),
        advice: write.command === 'HSET' || write.command === 'HMSET' ? 'Give the hash an expiry, or store entries as their own keys with a TTL.' : write.receiver.library === 'jedis' ? `Use ${receiverName(write, 'jedis')}.setex(key, seconds, value) or ${setWithTtl(write)}.` : `Use ${setWithTtl(write)}.`,
      },
      span: write.span,
    });
  }
  reportListCacheFills(context);
  reportCacheableWithoutTtl(context);
}

/**
 * A list cached whole: read with LRANGE and, when that found nothing, filled with a push of the loaded items
 * (`range(CACHE_TYPES, 0, -1)`, then `rightPushAll(CACHE_TYPES, loaded)`). Only lists named as caches: a list read
 * whole and pushed to is otherwise a history or a queue.
 */
function reportListCacheFills(context: RuleContext): void {
  const text = context.model.text;
  const sites = context.model.callSites;
  for (const push of sites) {
    if ((push.command !== 'LPUSH' && push.command !== 'RPUSH') || push.batched || push.inTransaction) continue;
    const key = keyOf(push, text);
    const keyName = keyedByReceiver(push, text) ? (redissonName(push, text) ?? push.receiver.text) : (push.args[0]?.text ?? '');
    if (!key || !CACHE_WORD.test(keyName)) continue;
    const sameKey = (s: RedisCallSite) => sameFunction(s, push) && keyOf(s, text) === key;
    if (!sites.some((s) => s.command === 'LRANGE' && sameKey(s) && s.span.startOffset < push.span.startOffset)) continue;
    if (sites.some((s) => EXPIRES.has(s.command) && sameKey(s))) continue;
    context.report({
      messageId: '{{call}} fills the cached list {{key}} without a TTL: it stays until it is deleted, and goes stale when the data behind it changes. Set an expiry on the list after filling it (in the same MULTI or pipeline).',
      data: { call: callText(push), key: keyedByReceiver(push, text) ? keyName : shownJavaKey(push) },
      span: push.span,
    });
  }
}

/**
 * Logical expiry: the value written carries its own expiry time (`data.setExpireTime(now.plusSeconds(ttl))`, then
 * `set(key, toJson(data))`), and readers rebuild the entry once that time has passed: the key is meant to outlive it.
 * Followed one assignment back from the value written (`json = toJson(data)`).
 */
function expiresLogically(body: string, value: string): boolean {
  if (!/\.\s*set(?:Expire|Expiry|Expiration|Expired)/.test(body)) return false;
  const names = new Set(value.match(/\b[a-zA-Z_]\w*\b/g) ?? []);
  for (const name of [...names]) {
    const assigned = new RegExp(`\\b${name}\\s*=\\s*([^;]+);`).exec(body)?.[1];
    for (const inner of assigned?.match(/\b[a-zA-Z_]\w*\b/g) ?? []) names.add(inner);
  }
  return [...names].some((name) => new RegExp(`\\b${name}\\s*\\.\\s*set(?:Expire|Expiry|Expiration|Expired)\\w*\\s*\\(`).test(body));
}

/**
 * A read-modify-write of a value the method keeps (`stock = get(k); n = parse(stock) - 1; set(k, valueOf(n))`): the
 * value written is computed from the value read, so the key is a counter or state, not a cache entry refilled on a
 * miss. The read may be converted where it is assigned (`int stock = Integer.parseInt(String.valueOf(get(k)))`).
 * Followed through the locals assigned between the two calls; a local reassigned from elsewhere (`v = db.load()`)
 * no longer carries the read.
 */
function writesBackWhatItRead(text: string, read: RedisCallSite, value: string, write: RedisCallSite): boolean {
  const head = text.slice(Math.max(0, read.callSpan.startOffset - 120), read.callSpan.startOffset);
  const target = /(\w+)\s*=\s*(?:\([\w<>.]+\)\s*)?(?:[\w.]+\s*\(\s*)*$/.exec(head);
  if (!target || !value) return false;
  const carriers = new Set([target[1]]);
  const mentions = (expression: string) => [...carriers].some((name) => new RegExp(`\\b${name}\\b`).test(expression));
  for (const assignment of text.slice(read.callSpan.endOffset, write.span.startOffset).matchAll(/\b(\w+)\s*=(?!=)\s*([^;]*);/g)) {
    if (mentions(assignment[2])) carriers.add(assignment[1]);
    else carriers.delete(assignment[1]);
  }
  return mentions(value);
}

/**
 * `status = hGet(key, "status"); if (status == null) { return false; } … hSet(key, "status", next)`: the method leaves
 * when the read finds nothing, so the write only ever updates an entry that exists (a record's state moving on), the
 * same as a write guarded by `!= null`; a cache is filled on the miss, not after it.
 */
function leavesOnMiss(text: string, read: RedisCallSite, between: string): boolean {
  const head = text.slice(Math.max(0, read.callSpan.startOffset - 120), read.callSpan.startOffset);
  const variable = /(\w+)\s*=\s*(?:\([\w<>.,\s]+\)\s*)?$/.exec(head)?.[1];
  if (!variable) return false;
  const missing = `(?:${variable}\\s*==\\s*null|null\\s*==\\s*${variable})`;
  // Log messages carry `{}` placeholders: string literals are emptied before the braces are matched.
  const code = between.replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  return new RegExp(`\\bif\\s*\\(\\s*${missing}\\s*\\)\\s*(?:\\{[^{}]*\\b(?:return|throw)\\b[^{}]*\\}|(?:return|throw)\\b[^;]*;)`).test(code);
}

/**
 * The write sits inside `if (value == null) { ... }` (or `isEmpty`) for the value the read returned: the entry is
 * loaded and written back because the cache missed.
 */
/** The entry a write addresses: its key and, for a hash, its field, as source text. */
function entryOf(site: RedisCallSite, text: string): string {
  const field = site.command === 'HSET' ? (keyedByReceiver(site, text) ? site.args[0] : site.args[1])?.text ?? '' : '';
  return `${keyOf(site, text)}|${field.replace(/\s+/g, '')}`;
}

/**
 * `o = cartOps.get(sku); if (isEmpty(o)) { …; cartOps.put(sku, item); return item; } …; cartOps.put(sku, updated)`:
 * the method writes the same entry when the read found it too, so it upserts state (a cart line, a counter); a cache
 * is only written on the miss.
 */
function writtenOnHitToo(text: string, read: RedisCallSite, write: RedisCallSite, sites: readonly RedisCallSite[]): boolean {
  const entry = entryOf(write, text);
  return sites.some((s) => s !== write && s.command === write.command && sameFunction(s, write) && s.span.startOffset > read.span.startOffset && entryOf(s, text) === entry && !insideMissBranch(text, read, s));
}

function insideMissBranch(text: string, read: RedisCallSite, write: RedisCallSite): boolean {
  const head = text.slice(Math.max(0, read.callSpan.startOffset - 120), read.callSpan.startOffset);
  const variable = /(\w+)\s*=\s*(?:\([\w<>.,\s]+\)\s*)?$/.exec(head)?.[1];
  if (!variable) return false;
  const between = text.slice(read.callSpan.endOffset, write.span.startOffset);
  const miss = new RegExp(`\\bif\\s*\\([^{;]*(?:\\b${variable}\\s*==\\s*null|\\bnull\\s*==\\s*${variable}\\b|isEmpty\\(\\s*${variable}\\s*\\)|\\b${variable}\\s*\\.\\s*isEmpty\\(\\))[^{;]*\\)\\s*\\{`, 'g');
  let last: RegExpExecArray | null = null;
  for (let match = miss.exec(between); match; match = miss.exec(between)) last = match;
  if (!last) return false;
  let depth = 0;
  for (const ch of between.slice(last.index + last[0].length - 1)) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return false;
  }
  return depth > 0;
}

/**
 * `@Cacheable` when neither this file nor a configuration class of its build module gives the cache manager's
 * defaults a TTL (Spring Boot's default RedisCacheManager sets none).
 */
function reportCacheableWithoutTtl(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  if (!facts) return;
  const cacheables = facts.annotations.filter((a) => a.name === 'Cacheable' || a.name === 'CachePut');
  if (!cacheables.length) return;
  if (CACHE_TTL_IN_FILE.test(context.model.text)) return;
  if (context.workspaceKeys?.javaModuleSetsCacheDefaultTtl?.(context.model.path)) return;
  // A cache manager named on the annotation is configured elsewhere, with whatever TTL it has.
  for (const annotation of cacheables) {
    if (/cacheManager\s*=|cacheResolver\s*=/.test(annotation.args)) continue;
    context.report({
      messageId: '@{{name}} stores results in Redis through a cache manager that sets no TTL here (Spring Boot\'s RedisCacheManager default is no expiry): entries never expire. Set spring.cache.redis.time-to-live, or RedisCacheConfiguration.defaultCacheConfig().entryTtl(...).',
      data: { name: annotation.name },
      span: annotation.fullSpan,
    });
  }
}
