/**
 * Go versions of the rules that judge commands in relation to their surroundings: round trips in loops and cache
 * writes without a TTL (clients created per call: goClientPerRequest.ts; a write followed by a separate EXPIRE:
 * goSetThenExpire.ts).
 */
import { marksWorkInProgress } from '../support/workMarkers';
import { SERVER_WIDE_COMMANDS } from '../../analysis/commandNames';
import { spanFromOffsets } from '../../analysis/spans';
import type { LoopInfo } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { goBatchesInLoop } from './goBatchesInLoop';
import { pagedThroughWhole } from './goDrainedDeletes';
import { rangesOverOwnRegistry } from './goRegistryLoops';
import { fillsOnMiss, hashFill, keepTtlOnMissingKey } from './goCacheTtlShapes';
import { goCallText, isZeroExpiration, keyOf, shownGoKey, upperString } from './goSupport';

/** The ranged name is declared a channel in the file (`msgs <-chan *redis.Message`, `updates := make(chan Event)`). */
function declaredChannel(text: string, ranged: string): boolean {
  if (!/^[A-Za-z_]\w*$/.test(ranged)) return false;
  return new RegExp(`\\b${ranged}\\s+(?:<-)?chan\\b|\\b${ranged}\\s*:?=\\s*make\\(\\s*(?:<-)?chan\\b`).test(text);
}

/** The file declares a package-level function of that name (`func load(`), not only a method (`func (s *Store) load(`). */
function declaresPackageFunction(text: string, name: string): boolean {
  return new RegExp(`^func\\s+${name}\\s*[(\\[]`, 'm').test(text);
}

/** The call spreads a sub-slice of a collection into its arguments (`vals[i:end]...`, `ids[start:]...`). */
function sendsChunk(text: string, site: { callSpan: { startOffset: number; endOffset: number } }): boolean {
  return /\w\[[^\[\]\n]*:[^\[\]\n]*\]\s*\.\.\.\s*\)/.test(text.slice(site.callSpan.startOffset, site.callSpan.endOffset));
}

/**
 * The call sends a buffer the loop fills, under a check that it is full (`batch = append(batch, iter.Val())`, then
 * `if len(batch) >= 500 { rdb.Unlink(ctx, batch...); batch = batch[:0] }`): one command per full buffer, not per item.
 */
function flushesFullBuffer(text: string, site: { callSpan: { startOffset: number; endOffset: number } }, loopStart: number): boolean {
  const spread = /(\w+)\s*\.\.\.\s*\)\s*$/.exec(text.slice(site.callSpan.startOffset, site.callSpan.endOffset))?.[1];
  if (!spread) return false;
  const before = text.slice(loopStart, site.callSpan.startOffset);
  const check = [...before.matchAll(new RegExp(`\\bif\\s+len\\(\\s*${spread}\\s*\\)\\s*(?:>=?|==)\\s*[\\w.]+\\s*\\{`, 'g'))].pop();
  if (!check) return false;
  let depth = 0;
  for (const ch of before.slice(check.index! + check[0].length - 1)) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
  return depth > 0;
}

/** Between the two offsets the block holding the first is closed: they sit in different blocks or branches. */
function leavesBlock(text: string, from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth < 0) return true;
  }
  return false;
}

/** The text with go-redis reply accessors (`.Result()`, `.Err()`, `.Val()`) blanked, offsets kept. */
function withoutReplyAccessors(text: string): string {
  return text.replace(/\.(?:Result|Err|Val|Int|Int64|Uint64|Float64|Bool|Bytes|String)\(\)/g, (accessor) => ' '.repeat(accessor.length));
}

/** Names of functions that run once when a service starts or its data is migrated (`InitStockCache`, `init`, `MigrateKeys`, `seedDemo`). */
const RUNS_ONCE = /^(?:[Ii]nit|[Mm]igrate|[Ss]eed|[Bb]ootstrap)(?:[A-Z_]|$)/;

/**
 * The call's function runs once: named for initialising, migrating or seeding, and taking nothing but a context (a
 * function given the item it works for, `InitUserCache(ctx, userID)`, runs once per item).
 */
function runsOnce(text: string, fn: { name?: string; span: { startOffset: number } } | undefined): boolean {
  if (!fn?.name || !RUNS_ONCE.test(fn.name)) return false;
  const header = text.slice(fn.span.startOffset, text.indexOf('{', fn.span.startOffset));
  const params = new RegExp(`\\b${fn.name}\\s*\\(([^)]*)\\)`).exec(header)?.[1].trim();
  return params !== undefined && (params === '' || /^\w+\s+context\.Context$/.test(params));
}

/**
 * The loop at `inner` retries (its header counts attempts: `for retries < retriesMax`, `for attempt := 0; attempt < n;
 * attempt++`) and sits directly in a range loop over items (not a channel): that item loop, as the loop whose rounds
 * send the command.
 */
function retriedPerItem(text: string, inner: { startOffset: number; endOffset: number }): LoopInfo | undefined {
  if (!/^for\s+[^{\n]*\b(retr(y|ies)|attempts?|tries)\w*\b[^{\n]*\{/i.test(text.slice(inner.startOffset, text.indexOf('\n', inner.startOffset) + 1))) return undefined;
  const before = text.slice(0, inner.startOffset);
  let outer: RegExpExecArray | undefined;
  for (const match of before.matchAll(/\bfor\b[^{\n]*\brange\b\s*([^{\n]*?)\s*\{/g)) outer = match as RegExpExecArray;
  if (!outer || /(\.C|\bch|[a-z]Ch|Chan|chan\w*|\.Channel\(\)|[mM]sgs|[mM]essages|[eE]vents)$/.test(outer[1]) || declaredChannel(text, outer[1])) return undefined;
  // The range loop's braces are still open at the inner loop, and no other loop opens between them.
  let depth = 0;
  for (let i = outer.index + outer[0].length - 1; i < inner.startOffset; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') depth--;
  }
  if (depth <= 0 || /\bfor\b/.test(text.slice(outer.index + outer[0].length, inner.startOffset))) return undefined;
  let end = outer.index + outer[0].length;
  for (let open = 1; end < text.length && open > 0; end++) {
    if (text[end] === '{') open++;
    else if (text[end] === '}') open--;
  }
  return { span: spanFromOffsets(text, outer.index, end), dependsOnReply: false };
}

export function goCommandInLoop(context: RuleContext): void {
  const reported = new Set<number>();
  // Offsets of the round trips reported: a loop holding one is reported already, a loop nested beside one is not.
  const reportedCalls: number[] = [];
  const reportedLines = new Set<number>();
  let withoutAccessors: string | undefined;
  for (const site of context.model.callSites) {
    let loop = site.loop;
    // A retry loop around the command (`for retries < max { … Publish … time.Sleep(…) }`) inside a loop over items
    // retries each item: the item loop still makes a round trip per item.
    if (loop && !site.batched && (loop.dependsOnReply || loop.bounded === 'events')) loop = retriedPerItem(context.model.text, loop.span) ?? loop;
    if (!loop || site.batched || loop.dependsOnReply || loop.bounded === 'constant' || loop.bounded === 'events' || reported.has(loop.span.startOffset)) continue;
    if (site.command === 'EXEC' || site.command === 'MULTI' || site.command === 'SCAN' || site.command === 'HSCAN' || site.command === 'SSCAN' || site.command === 'ZSCAN') continue;
    if (SERVER_WIDE_COMMANDS.test(site.command)) continue;
    if (rangesOverOwnRegistry(context.model.text, loop.span.startOffset)) continue;
    // Code that runs once, at start-up or in a migration: the definition leaves its loops out.
    if (runsOnce(context.model.text, site.enclosingFunction)) continue;
    // A marker (a per-item lock) the round sets before its own work and clears after it. Reply accessors
    // (`.Result()`, `.Err()`) are no work between the two.
    // A command of the same key in another branch (`if … { Set(k, v, 0) } else { Set(k, v, ttl) }`) is no later step.
    const inLoop = context.model.callSites.filter((s) => s.loop?.span.startOffset === loop!.span.startOffset)
      .filter((s, _, all) => !all.some((m) => m.callSpan.endOffset < s.callSpan.startOffset && m.args[0]?.text === s.args[0]?.text && leavesBlock(context.model.text, m.callSpan.endOffset, s.callSpan.startOffset)));
    if (marksWorkInProgress(inLoop, (withoutAccessors ??= withoutReplyAccessors(context.model.text)))) continue;
    // One page of a list per round, up to its length: the batching is the loop's purpose.
    if (pagedThroughWhole(context.model.text, context.model.callSites, site)) continue;
    // One slice of a collection per round (`LPush(ctx, key, list[i:i+50]...)`): the loop is the batching.
    if (sendsChunk(context.model.text, site) || flushesFullBuffer(context.model.text, site, loop.span.startOffset)) continue;
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
    if (reported.has(start) || reportedLines.has(text.slice(0, start).split('\n').length) || rangesOverOwnRegistry(text, start)) continue;
    let depth = 0;
    let end = start + match[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    if (reportedCalls.some((at) => start <= at && at < end)) continue;
    const body = text.slice(start, end);
    for (const [name, helper] of helpers) {
      // An unqualified call names a package-level function or a builtin: `delete(values, k)` in a loop is Go's map
      // delete, not the store's `s.delete(session)` method.
      const call = new RegExp(`(?:\\b\\w+\\.)${declaresPackageFunction(text, name) ? '?' : ''}\\b${name}\\(`).exec(body);
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
