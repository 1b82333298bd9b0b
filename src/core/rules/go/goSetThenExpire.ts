/**
 * set-then-expire (Go): a TTL-free write followed by a separate EXPIRE of the same key, in one function, through a
 * helper of the receiver that expires the key afterwards, or across helpers of the file that write and expire the key
 * their caller passes in.
 */
import type { RedisCallSite } from '../../analysis/model';
import type { Fix } from '../../findings';
import { spanFromOffsets } from '../../analysis/spans';
import { fix, insertAt, replace } from '../support/edits';
import type { RuleContext } from '../rule';
import { assignedBetween, goCallText, isNumber, isZeroExpiration, keyOf, shownGoKey, upperString } from './goSupport';

// The STORE commands create their destination without a TTL like any other write (`ZUnionStore(ctx, top, …)`).
const TTL_FREE_WRITES = new Set(['SET', 'INCR', 'INCRBY', 'HSET', 'HMSET', 'HINCRBY', 'SADD', 'RPUSH', 'LPUSH', 'ZADD', 'ZINCRBY', 'PFADD', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZRANGESTORE', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE']);

/**
 * A SETNX without a TTL (redigo's, or go-redis' with expiration 0) of a key that is no lock: a rate limiter's or a
 * dedupe marker's first write, whose separate EXPIRE races like any other. A lock's key or function names a lock
 * or mutex, and its SETNX then EXPIRE is lock-without-expiry's.
 */
function ttlFreeSetNx(context: RuleContext, site: RedisCallSite): boolean {
  if (site.command !== 'SETNX' || /lock|mutex/i.test(`${site.args[0]?.text ?? ''} ${keyOf(site.args[0]) ?? ''} ${site.enclosingFunction?.name ?? ''}`)) return false;
  return site.receiver.library === 'redigo' || (site.receiver.library === 'go-redis' && isZeroExpiration(context.model.text, site, site.args[2]));
}
const EXPIRES = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']);

/**
 * The write and its separate EXPIRE made one SET with the TTL, the EXPIRE statement removed:
 * go-redis `Set(ctx, k, v, 0)` + `Expire(ctx, k, ttl)` (or PExpire) → `Set(ctx, k, v, ttl)`;
 * redigo `Do("SET", k, v)` + `Do("EXPIRE", k, n)` → `Do("SET", k, v, "EX", n)` ("PX" for PEXPIRE).
 * Only when the EXPIRE is a statement of its own on the same client, and nothing it uses is reassigned in between.
 */
function mergeFix(context: RuleContext, write: RedisCallSite, expire: RedisCallSite): Fix | undefined {
  if (write.command !== 'SET' || !expire.statementSpan || expire.args.length !== 2 || write.receiver.text !== expire.receiver.text) return undefined;
  const text = context.model.text;
  if (assignedBetween(text, write.callSpan.endOffset, expire.callSpan.startOffset, [write.args[0].text, expire.args[1].text])) return undefined;
  const lineStart = text.lastIndexOf('\n', expire.statementSpan.startOffset - 1) + 1;
  const lineEnd = text.indexOf('\n', expire.statementSpan.endOffset);
  // The EXPIRE must be alone on its line (gofmt puts each statement on its own).
  if (text.slice(lineStart, expire.statementSpan.startOffset).trim() || text.slice(expire.statementSpan.endOffset, lineEnd < 0 ? text.length : lineEnd).trim()) return undefined;
  const removal = replace(spanFromOffsets(text, lineStart, lineEnd < 0 ? text.length : lineEnd + 1), '');
  const ttl = expire.args[1].text;
  if (write.receiver.library === 'go-redis' && (expire.method === 'Expire' || expire.method === 'PExpire') && isNumber(write.args[2], 0) && write.args.length === 3) {
    return fix('Set the TTL in the SET call and drop the separate EXPIRE', false, [replace(write.args[2].span, ttl), removal]);
  }
  const unit = expire.command === 'EXPIRE' ? 'EX' : expire.command === 'PEXPIRE' ? 'PX' : undefined;
  if (write.receiver.library === 'redigo' && write.method === 'Do' && expire.method === 'Do' && unit && write.args.length === 2 && !write.args.some((a) => a.spread)) {
    return fix(`Set the TTL in the SET command ("${unit}") and drop the separate ${expire.command}`, false, [insertAt(write.args[1].span.endOffset, `, "${unit}", ${ttl}`), removal]);
  }
  return undefined;
}

/** A write with its TTL in one command, in the client's own spelling. */
function ttlInWrite(site: RedisCallSite): string {
  if (site.command === 'SETNX' && site.receiver.library === 'redigo') return 'set the TTL in the same command (`Do("SET", key, value, "NX", "EX", seconds)`)';
  if (site.command === 'SETNX' && site.receiver.library === 'go-redis') return `set the TTL in the same command (\`${site.receiver.text}.SetNX(ctx, key, value, ttl)\`)`;
  if (site.command !== 'SET') {
    if (site.receiver.library === 'redigo') return 'send both in one MULTI (`conn.Send("MULTI")` … `conn.Do("EXEC")`) or a Lua script';
    if (site.receiver.library === 'rueidis') return 'send both in one MULTI/EXEC with `DoMulti`, or a Lua script';
    return `send both in one MULTI (\`${site.receiver.text}.TxPipelined(ctx, …)\`) or a Lua script`;
  }
  if (site.receiver.library === 'redigo') return 'set the TTL in the same command (`Do("SET", key, value, "EX", seconds)`)';
  if (site.receiver.library === 'rueidis') return 'set the TTL in the same command (`.Ex(ttl)` on the SET builder)';
  return `set the TTL in the same command (\`${site.receiver.text}.Set(ctx, key, value, ttl)\`)`;
}

export function goSetThenExpire(context: RuleContext): void {
  const sites = context.model.callSites;
  const reported = new Set<RedisCallSite>();
  for (let i = 0; i < sites.length; i++) {
    const write = sites[i];
    if ((!TTL_FREE_WRITES.has(write.command) && !ttlFreeSetNx(context, write)) || write.inTransaction) continue;
    if (write.command === 'SET' && !isNumber(write.args[2], 0) && write.receiver.library === 'go-redis') continue;
    if (write.command === 'SET' && write.receiver.library === 'redigo' && write.args.some((a) => ['EX', 'PX', 'KEEPTTL'].includes(upperString(a) ?? ''))) continue;
    const key = keyOf(write.args[0]);
    if (!key) continue;
    const expire = sites.slice(i + 1).find((s) => EXPIRES.has(s.command) && s.enclosingFunction?.span.startOffset === write.enclosingFunction?.span.startOffset && keyOf(s.args[0]) === key);
    if (!expire || expire.inTransaction) continue;
    // Consecutive increments that set the TTL only on the first one (`if n == 1 { Expire }`) still race, so they count.
    const merged = mergeFix(context, write, expire);
    context.report({
      messageId: '{{write}} then a separate EXPIRE on {{key}}: if the process dies in between the key never expires; {{better}}.',
      data: { write: goCallText(write), key: shownGoKey(write.args[0]), better: ttlInWrite(write) },
      span: write.span,
      related: [{ span: expire.span, message: 'the separate EXPIRE' }],
      fixes: merged ? [merged] : undefined,
    });
    reported.add(write);
  }
  reportAcrossHelpers(context, reported);
  reportReceiverHelperExpires(context, reported);
}

/**
 * A write of a key the receiver names (`rankKey(b.name)`) whose TTL another function of the file sets, one that
 * EXPIREs the same key expression itself, called after the write or deferred (`defer b.touch(ctx)`): the EXPIRE is a
 * separate round trip all the same.
 */
function reportReceiverHelperExpires(context: RuleContext, reported: Set<RedisCallSite>): void {
  const text = context.model.text;
  const expiring = new Map<string, RedisCallSite[]>();
  for (const site of context.model.callSites) {
    const name = site.enclosingFunction?.name;
    if (!EXPIRES.has(site.command) || site.inTransaction || !name || name === '(anonymous)') continue;
    expiring.set(name, [...(expiring.get(name) ?? []), site]);
  }
  if (!expiring.size) return;
  for (const write of context.model.callSites) {
    const fn = write.enclosingFunction;
    const key = keyOf(write.args[0]);
    if (reported.has(write) || !fn || !key || write.inTransaction || !TTL_FREE_WRITES.has(write.command)) continue;
    if (write.command === 'SET' && (write.receiver.library !== 'go-redis' || !isNumber(write.args[2], 0))) continue;
    for (const [name, expires] of expiring) {
      const expire = expires.find((s) => keyOf(s.args[0]) === key && s.enclosingFunction?.span.startOffset !== fn.span.startOffset);
      if (!expire) continue;
      const calls = callsOf(text, fn.span.startOffset, fn.span.endOffset, name);
      const later = calls.some((c) => c.offset > write.span.startOffset || /\bdefer\s+[\w.]*$/.test(text.slice(text.lastIndexOf('\n', c.offset) + 1, c.offset + 1)));
      if (!later) continue;
      reported.add(write);
      context.report({
        messageId: '{{write}} then a separate EXPIRE on {{key}}: if the process dies in between the key never expires; {{better}}.',
        data: { write: goCallText(write), key: shownGoKey(write.args[0]), better: `set the TTL in the same round trip as the write (one MULTI or Lua script) instead of in ${name}()` },
        span: write.span,
        related: [{ span: expire.span, message: 'the separate EXPIRE' }],
      });
      break;
    }
  }
}

/** Parameter names of the Go function whose declaration starts at `offset` (`func (s *S) incr(key string, n int64)` → key, n). */
function parameterNames(text: string, offset: number): string[] {
  const head = /^func\s*(?:\([^)]*\)\s*)?\w+\s*(?:\[[^\]]*\]\s*)?\(([^)]*)\)/.exec(text.slice(offset, offset + 400));
  if (!head) return [];
  return head[1].split(',').map((part) => part.trim().split(/\s+/)[0]).filter((name) => /^\w+$/.test(name));
}

interface KeyHelper {
  site: RedisCallSite;
  /** Which parameter of the helper holds the key. */
  index: number;
}

/** The file's functions that write (TTL-free) or expire the key their caller passes in, by function name. */
function keyHelpers(context: RuleContext, wanted: (site: RedisCallSite) => boolean): Map<string, KeyHelper> {
  const helpers = new Map<string, KeyHelper>();
  for (const site of context.model.callSites) {
    const fn = site.enclosingFunction;
    if (!fn || fn.name === '(anonymous)' || helpers.has(fn.name) || !wanted(site)) continue;
    const index = parameterNames(context.model.text, fn.span.startOffset).indexOf(site.args[0]?.text ?? '');
    if (index >= 0) helpers.set(fn.name, { site, index });
  }
  return helpers;
}

/** Calls of `name(...)` (or `x.name(...)`) in text[start, end), with their argument texts split at top-level commas. */
function callsOf(text: string, start: number, end: number, name: string): { offset: number; args: string[] }[] {
  const out: { offset: number; args: string[] }[] = [];
  const body = text.slice(start, end);
  for (const match of body.matchAll(new RegExp(`(?:^|[^\\w])${name}\\(`, 'g'))) {
    const open = match.index! + match[0].length;
    const args: string[] = [];
    let depth = 0;
    let from = open;
    for (let i = open; i < body.length; i++) {
      const char = body[i];
      if (char === '(' || char === '[' || char === '{') depth++;
      else if ((char === ')' || char === ']' || char === '}') && depth > 0) depth--;
      else if (char === ')' || (char === ',' && depth === 0)) {
        args.push(body.slice(from, i).trim());
        from = i + 1;
        if (char === ')') break;
      }
    }
    out.push({ offset: start + match.index!, args });
  }
  return out;
}

/**
 * A write and its EXPIRE split over two helpers of the file that one function calls in turn with the same key
 * (`count, ttl := s.incr(key)` … `s.setExpiration(key, exp)`): the same race as in one function. A write queued
 * in a MULTI that holds no EXPIRE counts too (the transaction does not cover the later EXPIRE).
 */
function reportAcrossHelpers(context: RuleContext, reported: Set<RedisCallSite>): void {
  const text = context.model.text;
  const writes = keyHelpers(context, (s) => TTL_FREE_WRITES.has(s.command) && !(s.command === 'SET' && s.receiver.library === 'go-redis' && !isNumber(s.args[2], 0)) && !(s.command === 'SET' && s.args.some((a) => ['EX', 'PX', 'KEEPTTL'].includes(upperString(a) ?? ''))));
  if (!writes.size) return;
  const expires = keyHelpers(context, (s) => EXPIRES.has(s.command));
  const callers = new Map<number, { start: number; end: number }>();
  for (const site of context.model.callSites) if (site.enclosingFunction) callers.set(site.enclosingFunction.span.startOffset, { start: site.enclosingFunction.span.startOffset, end: site.enclosingFunction.span.endOffset });
  for (const match of text.matchAll(/^func\s/gm)) {
    const start = match.index!;
    const close = text.indexOf('\n}', start);
    callers.set(start, { start, end: close < 0 ? text.length : close });
  }
  for (const [name, write] of writes) {
    if (reported.has(write.site)) continue;
    // The helper's own MULTI already holds an EXPIRE of the key: nothing left to race.
    const writeFn = write.site.enclosingFunction!;
    if (context.model.callSites.some((s) => EXPIRES.has(s.command) && s.enclosingFunction?.span.startOffset === writeFn.span.startOffset)) continue;
    for (const { start, end } of callers.values()) {
      if (start === writeFn.span.startOffset) continue;
      const writeCall = callsOf(text, start, end, name).find((c) => c.args[write.index]);
      if (!writeCall) continue;
      const key = writeCall.args[write.index];
      const direct = context.model.callSites.find((s) => EXPIRES.has(s.command) && s.span.startOffset > writeCall.offset && s.span.startOffset < end && s.args[0]?.text === key);
      const viaHelper = [...expires].some(([expireName, expire]) => expireName !== name && callsOf(text, writeCall.offset, end, expireName).some((c) => c.args[expire.index] === key));
      if (!direct && !viaHelper) continue;
      reported.add(write.site);
      context.report({
        messageId: '{{write}} then a separate EXPIRE on {{key}}: if the process dies in between the key never expires; {{better}}.',
        data: { write: goCallText(write.site), key: `the key ${name}() is given`, better: 'send both in one MULTI (TxPipelined) or a Lua script, or set the TTL in the write' },
        span: write.site.span,
        ...(direct ? { related: [{ span: direct.span, message: 'the separate EXPIRE' }] } : {}),
      });
      break;
    }
  }
}
