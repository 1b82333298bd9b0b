/** Java checks of writes and their expiry: a write followed by a separate EXPIRE of the same key. */
import { javaFactsOf } from '../../analysis/java/javaFacts';
import type { RedisCallSite } from '../../analysis/model';
import type { Fix } from '../../findings';
import type { RuleContext } from '../rule';
import { callText, importEdit, receiverName, redissonName, sameKey, shownJavaKey, sitesByMethod } from './javaSupport';

export const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);
const TTL_WRITES = new Set(['SET', 'MSET', 'HSET', 'HMSET', 'SADD', 'RPUSH', 'LPUSH', 'ZADD', 'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'HINCRBY', 'HINCRBYFLOAT', 'ZINCRBY', 'GETSET']);

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
  if (a.command === 'MSET' || b.command === 'MSET') return a.command !== b.command && keyOfMultiSet(a.command === 'MSET' ? a : b, a.command === 'MSET' ? b : a, text);
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

/**
 * `multiSet(values)` then, in a loop over the same map, an EXPIRE of each of its keys
 * (`for (String k : values.keySet()) expire(k, …)`, `for (Map.Entry<…> e : values.entrySet()) expire(e.getKey(), …)`).
 */
function keyOfMultiSet(write: RedisCallSite, other: RedisCallSite, text: string): boolean {
  const map = /^(?:this\.)?([A-Za-z_$][\w$]*)$/.exec(write.args[0]?.text.trim() ?? '')?.[1];
  const key = /\.bound\w+Ops\(([^()]*)\)$/.exec(other.receiver.text)?.[1]?.trim() ?? other.args[0]?.text.trim();
  if (!map || !key || write.args.length !== 1 || !other.anyLoop) return false;
  const loopHead = text.slice(other.anyLoop.startOffset, Math.min(other.anyLoop.endOffset, other.anyLoop.startOffset + 200));
  const over = /^for\s*\([^:;)]*?([A-Za-z_$][\w$]*)\s*:\s*(?:this\.)?([A-Za-z_$][\w$]*)\s*\.\s*(keySet|entrySet)\s*\(\s*\)\s*\)/.exec(loopHead);
  if (!over || over[2] !== map) return false;
  return over[3] === 'keySet' ? key === over[1] : key.replace(/\s+/g, '') === `${over[1]}.getKey()`;
}

/** The key a variable of bound operations was bound to: `ops = template.boundValueOps(key)` → `key`. */
function boundVariableKey(receiver: string, text: string): string | undefined {
  const name = /^(?:this\.)?([A-Za-z_$][\w$]*)$/.exec(receiver)?.[1];
  if (!name) return undefined;
  // Asked for every pair of calls in a method: answered once per receiver and file text, and whether the text says
  // 'bound' at all once per text (a search of the whole file per pair was most of this rule's time in a large file).
  if (boundKeyCache.text !== text) boundKeyCache = { text, mentionsBound: text.includes('bound'), byName: new Map() };
  if (!boundKeyCache.mentionsBound) return undefined;
  if (!boundKeyCache.byName.has(name)) boundKeyCache.byName.set(name, new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*=\\s*[\\w.]*\\.bound\\w+Ops\\(([^()]*)\\)`).exec(text)?.[1]?.trim());
  return boundKeyCache.byName.get(name);
}

let boundKeyCache: { text: string; mentionsBound: boolean; byName: Map<string, string | undefined> } = { text: '', mentionsBound: false, byName: new Map() };

/** `template.boundHashOps(key)`, or a variable declared from one or typed `Bound…Operations`. */
export function isBound(receiver: string, text: string): boolean {
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
export function setWithTtl(site: RedisCallSite): string {
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
