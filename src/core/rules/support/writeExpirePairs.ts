/**
 * How a separate EXPIRE pairs with the write of its key (set-then-expire): the command sets involved, the write
 * queued before it in a chain or continued by it in a callback, an EXPIRE sent by a helper of the class, and what
 * ends the search (a return, the key's name assigned again).
 */
import type { RuleContext, RedisCallSite } from '../rule';
import { functionStartOf } from './sites';
import { runsInCallbackArgument } from './thenExpiry';

export const EXPIRES: Record<string, 'EX' | 'PX'> = { EXPIRE: 'EX', PEXPIRE: 'PX' };
/** Commands that already settle the key's TTL or existence: an EXPIRE after them pairs with nothing earlier. */
export const ENDS_SEARCH = new Set(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT', 'PERSIST', 'DEL', 'UNLINK', 'SETEX', 'PSETEX', 'GETDEL', 'GETEX', 'RENAME', 'RENAMENX', 'MOVE', 'COPY', 'RESTORE']);
export const COUNTERS = new Set(['INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'HINCRBY', 'HINCRBYFLOAT', 'ZINCRBY']);
/** Commands that write their result to the key named first and replace it, TTL included, as SET does. */
export const STORES = new Set(['SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE', 'ZRANGESTORE', 'GEOSEARCHSTORE']);
export const WRITES = new Set(['SET', 'MSET', 'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'DECRBY', 'HSET', 'HMSET', 'HINCRBY', 'LPUSH', 'RPUSH', 'SADD', 'ZADD', 'ZINCRBY', 'SETNX', 'PFADD', 'XADD', 'APPEND', 'JSON.SET', ...STORES]);
/** A write that replaces the whole key: of several writes before the EXPIRE, the nearest such one is the one to fix. */
export const replacesKey = (command: string): boolean => command === 'SET' || STORES.has(command);

/**
 * The nearest call on the same key queued before `expire` in the same command chain
 * (`redis.pipeline().set(k, v).expire(k, 60)`): chained calls start where the EXPIRE's call starts and end
 * before its method name. Undefined when the chain has no call on that key.
 */
export function earlierInChain(group: readonly RedisCallSite[], at: number, expire: RedisCallSite): RedisCallSite | undefined {
  let nearest: RedisCallSite | undefined;
  const keyText = expire.args[0].text;
  for (let j = at + 1; j < group.length && group[j].callSpan.startOffset < expire.span.startOffset; j++) {
    const candidate = group[j];
    if (candidate.callSpan.startOffset < expire.callSpan.startOffset || candidate.callSpan.endOffset > expire.span.startOffset) continue;
    if (candidate.args[0]?.text !== keyText) continue;
    if (!nearest || candidate.callSpan.endOffset > nearest.callSpan.endOffset) nearest = candidate;
  }
  return nearest;
}

/**
 * The write that follows an EXPIRE which is the function's first call on the key, when no later EXPIRE of the
 * key gives it a TTL again (`expire(k, ttl); incr(k)`). Only counters, which code creates by incrementing
 * them: other writes after an EXPIRE mostly update an object that exists.
 */
export function writeAfterFirstExpire(group: readonly RedisCallSite[], at: number, expire: RedisCallSite): RedisCallSite | undefined {
  const keyText = expire.args[0].text;
  let write: RedisCallSite | undefined;
  for (let j = at + 1; j < group.length; j++) {
    const candidate = group[j];
    if (candidate.callSpan.startOffset < expire.callSpan.endOffset || candidate.args[0]?.text !== keyText) continue;
    if (!write) {
      if (!COUNTERS.has(candidate.command)) return undefined;
      write = candidate;
    } else if (EXPIRES[candidate.command] || candidate.command === 'EXPIREAT' || candidate.command === 'PEXPIREAT') return undefined;
  }
  return write;
}

/** A node-redis MULTI sent with `execAsPipeline()`: queued like a transaction, but not atomic. */
export function runsAsPipeline(context: RuleContext, site: RedisCallSite): boolean {
  if (site.receiver.library !== 'node-redis') return false;
  const text = context.model.text;
  if (/^\s*\.\s*\w+\s*\(/.test(text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 200)) && /\.\s*execAsPipeline\s*\(/.test(text.slice(site.callSpan.endOffset, site.callSpan.endOffset + 2000).split(/;|\n\s*\n/)[0])) return true;
  const root = /^[A-Za-z_$][\w$]*$/.test(site.receiver.text) ? site.receiver.text : undefined;
  if (!root) return false;
  const scope = site.enclosingFunction?.span ?? { startOffset: 0, endOffset: text.length };
  return new RegExp(`\\b${root.replace(/\$/g, '\\$')}\\s*\\.\\s*execAsPipeline\\s*\\(`).test(text.slice(scope.startOffset, scope.endOffset));
}

/** A function whose one command is an EXPIRE (`def refresh(self): self.r.expire(self.token, TTL)`). */
export interface ExpiringHelper {
  readonly expire: RedisCallSite;
  readonly name: string;
  readonly keyText: string;
  readonly start: number;
  /** `self.refresh(` / `this.refresh(`, built once per file. */
  readonly call: RegExp;
}

/** The file's functions whose one command is an EXPIRE, in the order of the function groups. */
export function expiringHelpers(groups: ReadonlyMap<number, readonly RedisCallSite[]>): ExpiringHelper[] {
  const helpers: ExpiringHelper[] = [];
  for (const group of groups.values()) {
    const only = group.length === 1 ? group[0] : undefined;
    const fn = only?.enclosingFunction;
    const keyText = only?.args[0]?.text;
    if (!only || !fn || !EXPIRES[only.command] || !keyText) continue;
    helpers.push({ expire: only, name: fn.name, keyText, start: fn.span.startOffset, call: new RegExp(`\\b(?:self|this)\\.${fn.name.replace(/\$/g, '\\$')}\\s*\\(`) });
  }
  return helpers;
}

/**
 * A counter write on a key held by the instance (`self.token`, `this.key`) that follows, in its function, a call of
 * the class's own method whose one command is EXPIRE of that key (`self.refresh()`), with no other command on the key
 * in between: the function's first EXPIRE of the key comes first, as when it is written inline.
 */
export function expiringHelperBefore(text: string, groups: ReadonlyMap<number, readonly RedisCallSite[]>, helpers: readonly ExpiringHelper[], write: RedisCallSite): { expire: RedisCallSite; name: string } | undefined {
  const keyText = write.args[0]?.text;
  const fn = write.enclosingFunction!;
  if (!keyText || !/^(?:self|this)\.[A-Za-z_$][\w$]*$/.test(keyText)) return undefined;
  const candidates = helpers.filter((helper) => helper.keyText === keyText && helper.start !== fn.span.startOffset);
  if (!candidates.length) return undefined;
  const own = groups.get(functionStartOf(write)) ?? [];
  if (own.some((site) => site !== write && site.callSpan.startOffset < write.callSpan.startOffset && site.args[0]?.text === keyText)) return undefined;
  const before = text.slice(fn.span.startOffset, write.callSpan.startOffset);
  const helper = candidates.find((candidate) => candidate.call.test(before));
  return helper && { expire: helper.expire, name: helper.name };
}

/**
 * `redis.set(key, v).then(function () { return redis.expire(key, ttl); })`: the EXPIRE runs in a callback chained
 * on the write's promise, or in the write's own completion callback, a second command after the write, whatever
 * function the callback is.
 */
export function writeContinuedBy(text: string, sites: readonly RedisCallSite[], expire: RedisCallSite, keyText: string): RedisCallSite | undefined {
  const callback = expire.enclosingFunction?.span.startOffset;
  if (callback === undefined) return undefined;
  // `client.set(key, v, (err) => { ... client.expire(key, ttl, done) })`: the write's completion callback.
  // Only a call whose span holds the EXPIRE can hold it in an argument: the offsets rule out the rest cheaply.
  const inCallback = sites.filter(
    (site) =>
      site.callSpan.startOffset < expire.callSpan.startOffset &&
      expire.callSpan.endOffset <= site.callSpan.endOffset &&
      WRITES.has(site.command) &&
      site.args[0]?.text === keyText &&
      runsInCallbackArgument(site, expire),
  );
  if (inCallback.length) return inCallback.reduce((a, b) => (b.callSpan.startOffset > a.callSpan.startOffset ? b : a));
  if (!/\.\s*then\s*\(\s*$/.test(text.slice(Math.max(0, callback - 40), callback))) return undefined;
  return sites.find(
    (site) =>
      site.callSpan.endOffset < callback &&
      WRITES.has(site.command) &&
      site.args[0]?.text === keyText &&
      /^\s*\.\s*then\s*\(\s*$/.test(text.slice(site.callSpan.endOffset, callback)),
  );
}

/** The write is the value of a `return` statement: the function ends there, so no later EXPIRE follows it. */
export function returnsBeforeExpire(text: string, write: RedisCallSite): boolean {
  const start = write.callSpan.startOffset;
  return /\breturn\s+(?:await\s+)?$/.test(text.slice(Math.max(0, start - 40), start));
}

/** Whether the plain name (or attribute) holding the key is assigned again between the write and the EXPIRE. */
export function reassignedBetween(text: string, keyText: string, from: number, to: number): boolean {
  if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?$/.test(keyText) || to <= from) return false;
  const between = text.slice(from, to);
  if (!between.includes(keyText)) return false;
  const name = keyText.replace(/[$.]/g, '\\$&');
  return new RegExp(`(?:^|[^\\w$.])${name}\\s*(?::[^=\\n]*)?(?:=(?!=)|\\+=)`, 'm').test(between);
}
