/** Java checks of writes and their expiry: write-then-EXPIRE, cache entries and @Cacheable without TTL. */
import { javaFactsOf, type JavaFacts, type JavaMethod } from '../../analysis/java/javaFacts';
import type { RedisCallSite } from '../../analysis/model';
import type { Fix } from '../../findings';
import type { RuleContext } from '../rule';
import { callText, hasTtlArgument, importEdit, methodOf, receiverName, redissonName, sameKey, shownJavaKey, sitesByMethod } from './javaSupport';

export const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);
const TTL_WRITES = new Set(['SET', 'HSET', 'HMSET', 'SADD', 'RPUSH', 'LPUSH', 'ZADD', 'INCR', 'INCRBY', 'DECR', 'DECRBY', 'HINCRBY', 'GETSET']);

export function sameFunction(a: RedisCallSite, b: RedisCallSite): boolean {
  return a.enclosingFunction !== undefined && a.enclosingFunction.span.startOffset === b.enclosingFunction?.span.startOffset;
}

/** `set(k, v)` + `expire(k, t)` in one block → one SET with the TTL, in the client's own spelling. */
function mergeFix(context: RuleContext, write: RedisCallSite, expire: RedisCallSite): Fix | undefined {
  const redisson = write.receiver.library === 'redisson';
  if (write.command !== 'SET' || write.args.length !== (redisson ? 1 : 2) || write.blockId !== expire.blockId || !expire.statementSpan) return undefined;
  const [key, value] = redisson ? ['', write.args[0].text] : write.args.map((a) => a.text);
  const ttl = expire.args.slice(redisson ? 0 : 1).map((a) => a.text);
  if (changedBetween(context.model.text, write, expire, [key, ...ttl])) return undefined;
  const unit = expire.command === 'EXPIRE' ? 'ex' : expire.command === 'PEXPIRE' ? 'px' : undefined;
  // Both commands go through the same client (a second client or template may use other serializers).
  const sameClient = write.receiver.text === expire.receiver.text;
  let replacement: string | undefined;
  let imports: string[] = [];
  if (write.receiver.library === 'jedis' && sameClient && unit && ttl.length === 1) {
    replacement = `${write.receiver.text}.set(${key}, ${value}, SetParams.setParams().${unit}(${ttl[0]}))`;
    imports = ['redis.clients.jedis.params.SetParams'];
  } else if (write.receiver.library === 'lettuce' && sameClient && unit && ttl.length === 1 && !/reactive/i.test(write.receiver.text)) {
    // SetArgs.Builder.ex/px take seconds or milliseconds as a long, or a Duration (Lettuce 6.1+), as expire/pexpire do.
    replacement = `${write.receiver.text}.set(${key}, ${value}, SetArgs.Builder.${unit}(${ttl[0]}))`;
    imports = ['io.lettuce.core.SetArgs'];
  } else if (write.receiver.library === 'redisson' && write.method === 'set' && write.args.length === 1 && sameClient && expire.method === 'expire' && (/^Duration\.\w+\(/.test(ttl[0] ?? '') && ttl.length === 1 || /TimeUnit\.\w+$/.test(ttl[1] ?? '') && ttl.length === 2)) {
    // RBucket.set(value, Duration) / set(value, timeToLive, TimeUnit); expire(Instant) has no SET counterpart.
    replacement = `${write.receiver.text}.set(${write.args[0].text}, ${ttl.join(', ')})`;
  } else if (write.receiver.library === 'spring-data-redis' && write.method === 'set' && write.receiver.text === `${expire.receiver.text}.opsForValue()` && expire.command === 'EXPIRE' && ttl.length >= 1 && ttl.length <= 2) {
    replacement = `${write.receiver.text}.set(${key}, ${value}, ${ttl.join(', ')})`;
  }
  if (!replacement) return undefined;
  return {
    description: 'Write the value and its TTL in one SET',
    safe: true,
    edits: [
      { startOffset: write.callSpan.startOffset, endOffset: write.callSpan.endOffset, newText: replacement },
      { startOffset: lineStart(context.model.text, expire.statementSpan.startOffset), endOffset: lineEnd(context.model.text, expire.statementSpan.endOffset), newText: '' },
      ...imports.flatMap((name) => importEdit(context.model.text, name)),
    ],
  };
}

/**
 * A name used by the key or TTL is assigned between the write and the EXPIRE (`int ttl = ...;`), so the TTL
 * cannot move into the write.
 */
function changedBetween(text: string, write: RedisCallSite, expire: RedisCallSite, expressions: readonly string[]): boolean {
  const between = text.slice(write.callSpan.endOffset, expire.callSpan.startOffset);
  // Every assignment or increment spells `=`, `++` or `--`: without one, no name changes in between.
  if (!between.includes('=') && !between.includes('++') && !between.includes('--')) return false;
  const names = new Set(expressions.flatMap((e) => e.match(/\b[A-Za-z_$][\w$]*\b/g) ?? []));
  return [...names].some((name) => new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*(=(?!=)|\\+\\+|--|[-+*/]=)`).test(between));
}

function lineStart(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(start, offset)) ? start : offset;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end >= 0 && /^[ \t]*$/.test(text.slice(offset, end)) ? end + 1 : offset;
}

/**
 * EXPIREs sent through the file's own helpers (`expire(key, time)` of a RedisUtil), as call sites at the helper's
 * call with the caller's arguments.
 */
function helperExpires(context: RuleContext): RedisCallSite[] {
  const facts = javaFactsOf(context.model);
  if (!facts) return [];
  const helpers = new Map<string, RedisCallSite>();
  for (const site of context.model.callSites) {
    const name = site.enclosingFunction?.name;
    if (name && EXPIRES.has(site.command) && !helpers.has(name)) helpers.set(name, site);
  }
  const sites: RedisCallSite[] = [];
  for (const invocation of facts.invocations) {
    const inner = invocation.object === '' || invocation.object === 'this' ? helpers.get(invocation.name) : undefined;
    const method = invocation.method === undefined ? undefined : facts.methods[invocation.method];
    if (!inner || !method || method.name === invocation.name || !invocation.args.length) continue;
    const enclosing = context.model.callSites.find((s) => s.enclosingFunction?.span.startOffset === method.span.startOffset)?.enclosingFunction;
    if (!enclosing) continue;
    const keySpan = invocation.callSpan;
    sites.push({ ...inner, method: invocation.name, span: invocation.span, callSpan: invocation.callSpan, expressionSpan: invocation.callSpan, statementSpan: undefined, enclosingFunction: enclosing, args: invocation.args.map((text) => ({ value: { kind: 'unknown' as const }, text, span: keySpan, fullSpan: keySpan })), via: { helper: invocation.name, command: inner.command, span: inner.span } });
  }
  return sites;
}

export function javaSetThenExpire(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const byMethod = sitesByMethod([...context.model.callSites, ...helperExpires(context)]);
  for (const write of context.model.callSites) {
    if (!TTL_WRITES.has(write.command) || write.inTransaction) continue;
    // RBucket.set(value, ttl[, unit]) already carries its TTL.
    if (write.receiver.library === 'redisson' && write.command === 'SET' && write.args.length > 1) continue;
    const sites = byMethod.get(write.enclosingFunction?.span.startOffset ?? -1) ?? [];
    const text = context.model.text;
    const expire = sites.find((s) => EXPIRES.has(s.command) && s.span.startOffset > write.span.startOffset && sameFunction(s, write) && sameTarget(s, write, facts, text) && !s.inTransaction && !inOtherBranch(text, write, s));
    if (!expire) continue;
    // Only the first write before that EXPIRE is reported.
    const earlier = sites.find((s) => s !== write && TTL_WRITES.has(s.command) && sameFunction(s, write) && sameTarget(s, write, facts, text) && s.span.startOffset < write.span.startOffset && !inOtherBranch(text, s, expire));
    if (earlier) continue;
    const fix = mergeFix(context, write, expire);
    context.report({
      messageId: '{{call}} writes {{key}} and a separate {{expire}} sets its TTL: if the process dies or the call fails in between, the key never expires. {{advice}}',
      data: {
        call: callText(write),
        key: write.receiver.library === 'redisson' ? redissonName(write, context.model.text) ?? write.receiver.text : isBound(write.receiver.text, text) ? `the key bound to ${write.receiver.text}` : shownJavaKey(write),
        expire: expire.command,
        advice: write.command === 'SET' ? `Use ${setWithTtl(write)}.` : `Send both in one MULTI (${TRANSACTIONS[write.receiver.library] ?? TRANSACTIONS.jedis}), or a Lua script.`,
      },
      span: write.span,
      related: [{ span: expire.span, message: `the separate ${expire.command}` }],
      ...(fix ? { fixes: [fix] } : {}),
    });
  }
}

/**
 * The later call sits in the `else` branch of an `if` whose other branch holds the earlier one
 * (`if (exists) put(k) else { put(k); expire(k) }`): the two never run one after the other. Read from the text between
 * them, strings and comments blanked: leaving the earlier call's block into an `else` that is still open at the later call.
 */
export function inOtherBranch(text: string, earlier: RedisCallSite, later: RedisCallSite): boolean {
  const between = text.slice(earlier.callSpan.endOffset, later.span.startOffset).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, (m) => ' '.repeat(m.length));
  let depth = 0;
  // Depths at which an `else` opened after the earlier call's block closed; popped when that `else` closes again.
  const elses: number[] = [];
  for (let i = 0; i < between.length; i++) {
    const ch = between[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (elses.length && depth < elses[elses.length - 1]) elses.pop();
      // An `else` without braces covers one statement; only a braced `else` (or `else if`) is followed here.
      if (depth < 0 && /^\s*else\s*(\{|if\b)/.test(between.slice(i + 1))) elses.push(depth + 1);
    }
  }
  return elses.length > 0;
}

/**
 * Two calls address the same key. A Redisson object is its key (`bucket.set(v)` then `bucket.expire(d)`): the
 * calls go through the same object; the other clients name the key in their first argument.
 */
function sameTarget(a: RedisCallSite, b: RedisCallSite, facts: ReturnType<typeof javaFactsOf>, text = ''): boolean {
  // Bound operations carry their key: `ops = template.boundListOps(key); ops.rightPushAll(...); ops.expire(...)`.
  if (a.receiver.text !== '' && a.receiver.text === b.receiver.text && isBound(a.receiver.text, text)) return true;
  if (a.receiver.library === 'redisson' || b.receiver.library === 'redisson') return a.receiver.library === b.receiver.library && a.receiver.text !== '' && a.receiver.text === b.receiver.text;
  // One call binds the key, the other names it: `boundValueOps(k).set(v)` (or `ops.set(v)` after `ops = boundValueOps(k)`) then `template.expire(k, ttl)`.
  const boundKey = (site: RedisCallSite) => /\.bound\w+Ops\(([^()]*)\)$/.exec(site.receiver.text)?.[1]?.trim() ?? boundVariableKey(site.receiver.text, text);
  const aBound = boundKey(a);
  const bBound = boundKey(b);
  if ((aBound ?? bBound) !== undefined && (aBound === undefined) !== (bBound === undefined)) return (aBound ?? a.args[0]?.text.trim()) === (bBound ?? b.args[0]?.text.trim());
  return sameKey(a, b, facts);
}

/** The key a variable of bound operations was bound to: `ops = template.boundValueOps(key)` → `key`. */
function boundVariableKey(receiver: string, text: string): string | undefined {
  const name = /^(?:this\.)?([A-Za-z_$][\w$]*)$/.exec(receiver)?.[1];
  if (!name || !text.includes('bound')) return undefined;
  // Asked for many pairs of calls: answered once per receiver and file text.
  if (boundKeyCache.text !== text) boundKeyCache = { text, byName: new Map() };
  if (!boundKeyCache.byName.has(name)) boundKeyCache.byName.set(name, new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*=\\s*[\\w.]*\\.bound\\w+Ops\\(([^()]*)\\)`).exec(text)?.[1]?.trim());
  return boundKeyCache.byName.get(name);
}

let boundKeyCache: { text: string; byName: Map<string, string | undefined> } = { text: '', byName: new Map() };

/** `template.boundHashOps(key)`, or a variable declared from one or typed `Bound…Operations`. */
function isBound(receiver: string, text: string): boolean {
  if (/\.bound\w+Ops\([^()]*\)$/.test(receiver)) return true;
  const name = /^(?:this\.)?([A-Za-z_$][\w$]*)$/.exec(receiver)?.[1];
  if (!name || !text) return false;
  // Asked for many pairs of calls on the same receiver: answered once per receiver and file text.
  if (boundCache.text !== text) boundCache = { text, hasBound: /bound\w+Ops\s*\(|Bound\w+Operations/.test(text), byName: new Map() };
  if (!boundCache.hasBound) return false;
  const known = boundCache.byName.get(name);
  if (known !== undefined) return known;
  const bound = declaredBound(name, text);
  boundCache.byName.set(name, bound);
  return bound;
}

let boundCache: { text: string; hasBound: boolean; byName: Map<string, boolean> } = { text: '', hasBound: false, byName: new Map() };

function declaredBound(name: string, text: string): boolean {
  const escaped = name.replace(/\$/g, '\\$');
  return new RegExp(`\\b${escaped}\\s*=\\s*[\\w.]*\\.bound\\w+Ops\\(|\\bBound\\w+Operations\\s*(?:<[^;=]*>)?\\s+${escaped}\\b`).test(text);
}

/** A SET that carries its TTL, in the client's own API. */
function setWithTtl(site: RedisCallSite): string {
  switch (site.receiver.library) {
    case 'jedis':
      return `${receiverName(site, 'jedis')}.set(key, value, SetParams.setParams().ex(seconds))`;
    case 'lettuce':
      return `${receiverName(site, 'commands')}.set(key, value, SetArgs.Builder.ex(seconds))`;
    case 'redisson':
      return `${receiverName(site, 'bucket')}.set(value, Duration.ofSeconds(seconds))`;
    default:
      return `${/opsForValue\(\)$/.test(site.receiver.text) ? receiverName(site, 'opsForValue()') : 'opsForValue()'}.set(key, value, Duration.ofSeconds(seconds))`;
  }
}

/** How each client sends commands in one MULTI/EXEC. */
const TRANSACTIONS: Record<string, string> = {
  jedis: 'jedis.multi() … exec()',
  lettuce: 'commands.multi() … exec()',
  'spring-data-redis': 'a SessionCallback with multi()/exec()',
  redisson: 'an RBatch with BatchOptions.executionMode(IN_MEMORY_ATOMIC)',
};

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
 * the wrapper offers both, the caller chooses. An HSET that only forwards the caller's hash, field and value
 * (`setCacheMapValue(key, hKey, v)`) writes the caller's hash, whatever the wrapper's name says.
 */
function offeredWithTtl(write: RedisCallSite, method: JavaMethod, facts: JavaFacts | undefined): boolean {
  const key = write.args[0]?.text;
  if (!key || !method.params.includes(key)) return false;
  // A thin HSET wrapper hands on all three of its caller's arguments; one that builds the value (`putCache`) writes entries itself.
  if (write.command === 'HSET') return write.args.every((a) => method.params.includes(a.text));
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

export function javaCacheWriteWithoutTtl(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  const byMethod = sitesByMethod(context.model.callSites);
  const text = context.model.text;
  for (const write of context.model.callSites) {
    const sites = byMethod.get(write.enclosingFunction?.span.startOffset ?? -1) ?? [];
    if ((write.command !== 'SET' && write.command !== 'HSET') || write.batched) continue;
    const byReceiver = keyedByReceiver(write, text);
    const rest = byReceiver ? write.args : write.args.slice(1);
    if (write.command === 'SET' && (hasTtlArgument(write) || rest.length > 1)) continue;
    if (write.command === 'HSET' && rest.length !== 2) continue;
    if (isForwardingWrapper(write, context)) continue;
    const fn = write.enclosingFunction;
    const method = methodOf(write, facts);
    if (method && offeredWithTtl(write, method, facts)) continue;
    const key = keyOf(write, text);
    const opened = byReceiver ? redissonName(write, text) : undefined;
    // The name a Redisson object was opened with is cut at its first `)`: a call in it (`getMap(keyOf(id))`) shows the receiver instead.
    const keyName = byReceiver ? ((opened && !opened.includes('(') ? opened : undefined) ?? /\.bound\w+Ops\(([^()]*)\)$/.exec(write.receiver.text)?.[1] ?? write.receiver.text) : (write.args[0]?.text ?? '');
    const cacheNamed = CACHE_WORD.test(`${fn?.name ?? ''} ${keyName}`) || (method !== undefined && method.annotations.some((a) => /Cache/.test(a)));
    // Cache-aside: the method read the same key before writing it.
    const read = sites.find((s) => (s.command === 'GET' || s.command === 'HGET' || s.command === 'EXISTS') && sameFunction(s, write) && s.span.startOffset < write.span.startOffset && keyOf(s, text) === key);
    // Written back on a miss; an update of an entry that was found (`if (o != null) set(...)`) keeps the entry's fate.
    const between = read ? text.slice(read.callSpan.endOffset, write.span.startOffset) : '';
    const readFirst = read !== undefined && !(/!=\s*null/.test(between) && !/==\s*null|isEmpty|isBlank/.test(between)) && !writesBackWhatItRead(text, read, writtenValue(write, text), write)
      // A Redisson object or bound operations also hold carts and state: only a write inside the branch taken when the read found nothing fills a cache.
      && (!byReceiver || (read.command !== 'EXISTS' && insideMissBranch(text, read, write)));
    const inCacheClass = CACHE_WORD.test(context.model.path.split('/').pop() ?? '') && write.receiver.confidence === 'likely';
    if (!cacheNamed && !readFirst && !inCacheClass) continue;
    // The method claimed the same key with SETNX first (`setIfAbsent(key, v)`, then `set(key, v)` on a take-over): a lock or claim, not a cache entry.
    if (!cacheNamed && sites.some((s) => s.command === 'SETNX' && sameFunction(s, write) && s.span.startOffset < write.span.startOffset && keyOf(s, text) === key)) continue;
    const expires = sites.some((s) => EXPIRES.has(s.command) && sameFunction(s, write) && keyOf(s, text) === key);
    if (expires || (method && expiresLogically(text.slice(method.start, write.span.startOffset), writtenValue(write, text)))) continue;
    context.report({
      messageId: '{{call}} writes the cache entry {{key}} without a TTL: it stays until it is deleted, and the cache only grows. {{advice}}',
      data: {
        call: callText(write),
        key: byReceiver ? keyName : shownJavaKey(write),
        advice: write.command === 'HSET' ? 'Give the hash an expiry, or store entries as their own keys with a TTL.' : write.receiver.library === 'jedis' ? `Use ${receiverName(write, 'jedis')}.setex(key, seconds, value) or ${setWithTtl(write)}.` : `Use ${setWithTtl(write)}.`,
      },
      span: write.span,
    });
  }
  reportCacheableWithoutTtl(context);
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
 * The write sits inside `if (value == null) { ... }` (or `isEmpty`) for the value the read returned: the entry is
 * loaded and written back because the cache missed.
 */
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

/** `@Cacheable` when this file configures no TTL for the cache manager (Spring Boot's default RedisCacheManager sets none). */
function reportCacheableWithoutTtl(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  if (!facts) return;
  const cacheables = facts.annotations.filter((a) => a.name === 'Cacheable' || a.name === 'CachePut');
  if (!cacheables.length) return;
  if (/entryTtl|setTTL|time-to-live|timeToLive|expireAfter|\bttl\s*=/i.test(context.model.text)) return;
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
