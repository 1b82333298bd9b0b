/**
 * Go versions of the rules that judge commands in relation to others or to their surroundings: round trips in
 * loops, a write followed by a separate EXPIRE, cache writes without a TTL, clients created per call.
 */
import { SERVER_WIDE_COMMANDS } from '../../analysis/commandNames';
import type { RedisCallSite } from '../../analysis/model';
import type { Fix } from '../../findings';
import { spanFromOffsets } from '../../analysis/spans';
import { fix, insertAt, replace } from '../support/edits';
import type { RuleContext } from '../rule';
import { goBatchesInLoop } from './goBatchesInLoop';
import { calledOnlyAtStartup } from './goStartupOnly';
import { fillsOnMiss, hashFill, keepTtlOnMissingKey } from './goCacheTtlShapes';
import { assignedBetween, goCallText, isNumber, isZeroExpiration, keyOf, shownGoKey, upperString } from './goSupport';

/** The ranged name is declared a channel in the file (`msgs <-chan *redis.Message`, `updates := make(chan Event)`). */
function declaredChannel(text: string, ranged: string): boolean {
  if (!/^[A-Za-z_]\w*$/.test(ranged)) return false;
  return new RegExp(`\\b${ranged}\\s+(?:<-)?chan\\b|\\b${ranged}\\s*:?=\\s*make\\(\\s*(?:<-)?chan\\b`).test(text);
}

export function goCommandInLoop(context: RuleContext): void {
  const reported = new Set<number>();
  // Offsets of the round trips reported: a loop holding one is reported already, a loop nested beside one is not.
  const reportedCalls: number[] = [];
  const reportedLines = new Set<number>();
  for (const site of context.model.callSites) {
    const loop = site.loop;
    if (!loop || site.batched || loop.dependsOnReply || loop.bounded === 'constant' || loop.bounded === 'events' || reported.has(loop.span.startOffset)) continue;
    if (site.command === 'EXEC' || site.command === 'MULTI' || site.command === 'SCAN' || site.command === 'HSCAN' || site.command === 'SSCAN' || site.command === 'ZSCAN') continue;
    if (SERVER_WIDE_COMMANDS.test(site.command)) continue;
    reported.add(loop.span.startOffset);
    reportedCalls.push(site.span.startOffset);
    reportedLines.add(site.span.start.line + 1);
    const batch = site.receiver.library === 'redigo' ? '`conn.Send` each command and `conn.Flush`/`Receive` once' : site.receiver.library === 'rueidis' ? 'build the commands and send them with `DoMulti`' : '`Pipelined(ctx, func(pipe redis.Pipeliner) error { … })`';
    context.report({ messageId: '{{call}} runs once per loop iteration: one network round trip each; batch them ({{batch}}) or use a multi-key command.', data: { call: goCallText(site), batch }, span: site.span });
  }
  goBatchesInLoop(context, reported, reportedCalls);
  const helpers = context.model.go?.redisHelpers;
  if (!helpers?.size) return;
  const text = context.model.text;
  // Calls of the file's own single-command helpers inside range loops are round trips too.
  for (const match of text.matchAll(/\bfor\b[^{\n]*\brange\b\s*([^{\n]*?)\s*\{/g)) {
    const start = match.index!;
    // Ranging over a channel or ticker handles events, not items (as in the model's loops).
    if (/(\.C|\bch|[a-z]Ch|Chan|chan\w*|\.Channel\(\)|[mM]sgs|[mM]essages|[eE]vents)$/.test(match[1]) || declaredChannel(text, match[1])) continue;
    if (reported.has(start) || reportedLines.has(text.slice(0, start).split('\n').length)) continue;
    let depth = 0;
    let end = start + match[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    if (reportedCalls.some((at) => start <= at && at < end)) continue;
    const body = text.slice(start, end);
    for (const [name, helper] of helpers) {
      const call = new RegExp(`(?:\\b\\w+\\.)?\\b${name}\\(`).exec(body);
      if (!call) continue;
      const at = start + call.index + call[0].indexOf(name);
      if (reportedLines.has(text.slice(0, at).split('\n').length)) break;
      if (helper.span.startOffset >= start && helper.span.startOffset < end) continue;
      reported.add(start);
      reportedCalls.push(at);
      reportedLines.add(text.slice(0, at).split('\n').length);
      context.report({ messageId: '{{helper}}() sends {{command}} once per loop iteration: one network round trip each; batch the commands in a pipeline.', data: { helper: name, command: helper.command }, span: spanFromOffsets(text, at, at + name.length) });
      break;
    }
  }
}

const TTL_FREE_WRITES = new Set(['SET', 'INCR', 'INCRBY', 'HSET', 'HMSET', 'HINCRBY', 'SADD', 'RPUSH', 'LPUSH', 'ZADD', 'ZINCRBY', 'PFADD']);

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

const CACHE_NAME = /cache|cached|memo/i;

export function goCacheWriteWithoutTtl(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'SET' && site.command !== 'MSET' && site.command !== 'HSET') continue;
    const fn = site.enclosingFunction?.name ?? '';
    const key = `${keyOf(site.args[0]) ?? ''}`;
    // A generic write of a cache wrapper (`func (c *RedisCache) Set(ctx, key, value)`) is every cache entry's write.
    const cacheLike = CACHE_NAME.test(key) || CACHE_NAME.test(fn) || (/^(Set|Put|Store|Save|Add|Write)$/.test(fn) && /type\s+\w*Cache\w*\s|\bCache\b/.test(context.model.text))
      || fillsOnMiss(context.model.text, context.model.callSites, site, (s) => keyOf(s.args[0]));
    // A hash is a cache entry when the function or key says so, not for a generic wrapper's write.
    const fill = hashFill(site) && (CACHE_NAME.test(key) || CACHE_NAME.test(fn));
    if (!cacheLike || (site.command !== 'SET' && !fill)) continue;
    let noTtl = false;
    // HSET sets no TTL: the fill is left without one unless an EXPIRE of the key follows (below).
    if (fill) noTtl = true;
    else if (site.receiver.library === 'go-redis') noTtl = isZeroExpiration(context.model.text, site, site.args[2]) || keepTtlOnMissingKey(context.model.text, site);
    else if (site.receiver.library === 'redigo') noTtl = !site.args.some((a) => ['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'].includes(upperString(a) ?? ''));
    else if (site.receiver.library === 'rueidis') noTtl = !['ex', 'px', 'exat', 'pxat', 'keepttl', 'exseconds', 'pxmilliseconds'].some((k) => site.keywords[k]);
    if (!noTtl) continue;
    // A later EXPIRE on the same key gives it a TTL after all (set-then-expire judges that).
    if (context.model.callSites.some((s) => s !== site && s.command.endsWith('EXPIRE') && keyOf(s.args[0]) === keyOf(site.args[0]))) continue;
    // A filled hash the file deletes or prunes (an invalidation on write) is kept in step by the code.
    if (fill && context.model.callSites.some((s) => ['DEL', 'UNLINK', 'HDEL'].includes(s.command) && keyOf(s.args[0]) === keyOf(site.args[0]))) continue;
    context.report({ messageId: 'Cache write to {{key}} without a TTL: the entry never expires and the cache grows until maxmemory evicts at random; {{how}}.', data: { key: shownGoKey(site.args[0]), how: fill ? 'EXPIRE the hash with its fill in one MULTI (TxPipelined)' : keepTtlOnMissingKey(context.model.text, site) ? 'pass an expiration (KEEPTTL keeps no TTL on a key that does not exist)' : site.receiver.library === 'go-redis' ? 'pass an expiration instead of 0' : site.receiver.library === 'rueidis' ? 'add `.Ex(ttl)` to the builder' : 'add "EX", seconds' }, span: site.span });
  }
}

/** Constructors and set-up functions (`NewStore`, `initRedis`, `configureCache`): they run once at start-up. */
const FACTORY = /^(new|New|init|Init|setup|Setup|configure|Configure|connect|Connect|open|Open|Must|must|create|Create|build|Build|provide|Provide|make|Make|main|TestMain|(get|Get).*(Client|Pool|Conn|Redis)|.*(Client|Pool|Redis|RDB|Rdb)$)/;

function returnsName(text: string, start: number, end: number, name: string): boolean {
  return new RegExp(`\\breturn\\b[^\\n]*\\b${name}\\b|[.\\w]+\\s*=\\s*${name}\\s*$|\\b${name}\\s*\\}`, 'm').test(text.slice(start, end));
}

/**
 * The client a loop round creates is kept per item of the loop (`clients[cfg.Name] = client`,
 * `pools = append(pools, client)`): one client per configured server, made once, not one per call.
 */
function keptPerLoopItem(text: string, creation: { binding?: string; loop?: { startOffset: number; endOffset: number } }): boolean {
  const name = creation.binding;
  if (!creation.loop || !name || !/^\w+$/.test(name)) return false;
  const body = text.slice(creation.loop.startOffset, creation.loop.endOffset);
  return new RegExp(`\\b\\w+(?:\\.\\w+)*\\[[^\\]\\n]+\\]\\s*=\\s*${name}\\b|=\\s*append\\(\\s*[\\w.]+\\s*,\\s*${name}\\s*\\)`).test(body);
}

/**
 * The function ends in an endless loop that uses the client it created (`client := redis.NewClient(opt)`, then
 * `for { consume(client, topic) }`): a consumer goroutine or poller keeps that client for its whole life, one per
 * long-lived worker, not one per call. A loop that more code follows (a retry until the server answers) is no
 * worker's life.
 */
function keptForEndlessLoop(text: string, fnEnd: number, createdAt: number, name: string | undefined): boolean {
  if (!name || !/^\w+$/.test(name)) return false;
  const after = text.slice(createdAt, fnEnd);
  const loop = /\bfor\s*\{/.exec(after);
  if (!loop) return false;
  let depth = 0;
  let end = -1;
  for (let i = loop.index + loop[0].length - 1; i < after.length; i++) {
    if (after[i] === '{') depth++;
    else if (after[i] === '}' && --depth === 0) {
      end = i;
      break;
    }
  }
  if (end < 0 || after.slice(end + 1).trim().replace(/\}$/, '').trim() !== '') return false;
  return new RegExp(`\\b${name}\\b`).test(after.slice(loop.index, end));
}

export function goClientPerRequest(context: RuleContext): void {
  const { model } = context;
  const reported = new Set<number>();
  for (const creation of model.creations) {
    const fn = creation.enclosingFunction;
    if (!fn || creation.moduleLevel || creation.kind === 'pool' && creation.library !== 'redigo') continue;
    if (creation.library === 'redigo' && creation.kind === 'client') continue;
    if (!fn.isRequestHandler && keptPerLoopItem(model.text, creation)) continue;
    if (!fn.isRequestHandler && !creation.loop && keptForEndlessLoop(model.text, fn.span.endOffset, creation.callSpan.endOffset, creation.binding)) continue;
    const perCall = model.go?.clientsPerCall.find((c) => c.span.startOffset === creation.span.startOffset);
    const inHandler = fn.isRequestHandler || !!creation.loop;
    const closedHere = !!perCall?.closed;
    // A function that is no constructor or set-up and keeps the client to itself makes one per call.
    const localUse = !creation.escapes && !!creation.binding && /^\w+$/.test(creation.binding) && !returnsName(model.text, fn.span.startOffset, fn.span.endOffset, creation.binding);
    if (!inHandler && !((closedHere || localUse) && !FACTORY.test(fn.name) && fn.name !== '(anonymous)')) continue;
    if (creation.escapes && !inHandler) continue;
    // Made and closed in a function that only start-up code calls: one client per start, not per call.
    if (!inHandler && calledOnlyAtStartup(model.text, fn.name)) continue;
    reported.add(creation.span.startOffset);
    context.report({ messageId: '{{factory}} in {{where}} opens a new connection pool on every call; create the client once at start-up and share it (it is safe for concurrent use).', data: { factory: creation.factory, where: fn.isRequestHandler ? 'a request handler' : creation.loop ? 'a loop' : `${fn.name}()` }, span: creation.span });
  }
  for (const perCall of model.go?.clientsPerCall ?? []) {
    if (reported.has(perCall.span.startOffset) || !perCall.closed) continue;
    const fn = perCall.enclosingFunction;
    if (!fn || (!fn.isRequestHandler && (FACTORY.test(fn.name) || fn.name === '(anonymous)'))) continue;
    if (model.creations.some((c) => c.span.startOffset === perCall.span.startOffset)) continue;
    if (!fn.isRequestHandler && calledOnlyAtStartup(model.text, fn.name)) continue;
    context.report({ messageId: '{{factory}}() in {{where}} creates a client that is closed again when the function returns: a new connection pool per call; create it once and share it.', data: { factory: perCall.factory, where: fn.isRequestHandler ? 'a request handler' : `${fn.name}()` }, span: perCall.span });
  }  // redigo has no client object: a connection dialled and closed again in the function is its client per call.
  for (const take of model.go?.connectionTakes ?? []) {
    const fn = take.enclosingFunction;
    if (!/^Dial/.test(take.factory) || take.handedOver || !(take.deferredClose || take.plainClose) || take.inMain || !fn) continue;
    if (!fn.isRequestHandler && (FACTORY.test(fn.name) || fn.name === '(anonymous)' || calledOnlyAtStartup(model.text, fn.name))) continue;
    if (!fn.isRequestHandler && keptForEndlessLoop(model.text, fn.span.endOffset, take.span.endOffset, take.name)) continue;
    context.report({ messageId: 'redis.{{factory}} in {{where}} opens a new TCP connection on every call and closes it again; take connections from a redis.Pool created once at start-up.', data: { factory: take.factory, where: fn.isRequestHandler ? 'a request handler' : `${fn.name}()` }, span: take.span });
  }
}
