/**
 * Go versions of the rules that judge commands in relation to their surroundings: round trips in loops, cache
 * writes without a TTL, clients created per call (a write followed by a separate EXPIRE: goSetThenExpire.ts).
 */
import { marksWorkInProgress } from '../support/workMarkers';
import { SERVER_WIDE_COMMANDS } from '../../analysis/commandNames';
import { spanFromOffsets } from '../../analysis/spans';
import type { LoopInfo } from '../../analysis/model';
import type { RuleContext } from '../rule';
import { goBatchesInLoop } from './goBatchesInLoop';
import { pagedThroughWhole } from './goDrainedDeletes';
import { calledOnlyAtStartup } from './goStartupOnly';
import { rangesOverOwnRegistry } from './goRegistryLoops';
import { REQUEST_PARAM } from '../../analysis/go/goScan';
import { goFreshClientFactories } from '../../analysis/go/goProjectFacts';
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

/** Constructors and set-up functions (`NewStore`, `initRedis`, `configureCache`): they run once at start-up. */
const FACTORY = /^(new|New|init|Init|setup|Setup|configure|Configure|connect|Connect|open|Open|Must|must|create|Create|build|Build|provide|Provide|make|Make|main|TestMain|(get|Get).*(Client|Pool|Conn|Redis)|.*(Client|Pool|Redis|RDB|Rdb)$)/;

function returnsName(text: string, start: number, end: number, name: string): boolean {
  return new RegExp(`\\breturn\\b[^\\n]*\\b${name}\\b|[.\\w]+\\s*=\\s*${name}\\s*$|\\b${name}\\s*\\}`, 'm').test(text.slice(start, end));
}

/** A `return` hands out the value named `name` itself (`return client, nil`, `&Store{rdb: client}`), not a reply of it. */
function returnsItself(text: string, start: number, end: number, name: string): boolean {
  return new RegExp(`\\breturn\\b[^\\n]*\\b${name}\\b(?!\\s*[.(\\[])`).test(text.slice(start, end));
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

interface PackageFactories {
  goPackageFreshClientFactories?(path: string): ReadonlyMap<string, string>;
}

/** Start-up and test functions: a client they make and drop is made once per run. */
const STARTUP = /^(init|Init|setup|Setup|configure|Configure|main|Test|Benchmark|Example)/;

/**
 * The client bound to `name` at `from` is only used through its methods afterwards (`rdb.Get(…)`, `defer
 * rdb.Close()`): never returned, stored, or handed to another function, so it is dropped when the function returns.
 */
function droppedAfterUse(body: string, from: number, name: string): boolean {
  return ![...body.slice(from).matchAll(new RegExp(`\\b${name}\\b(?!\\s*\\.)`, 'g'))].length;
}

/**
 * `client, err := connect()` where a function of the package (another file's, or this file's) constructs and returns
 * a new client on every call: the call makes a client per call as a constructor here would. Reported in a request
 * handler; in a function that closes the client again and is no factory or start-up code; and in a function that
 * only calls methods on it (`rdb := newLabRedisClient(); return rdb.Get(ctx, "lab").Result()`, also
 * `newClient().Subscribe(…)`) and is no start-up code: every call leaves one more pool behind.
 */
function packageFactoryClients(context: RuleContext): Set<number> {
  const { model } = context;
  const lines = new Set<number>();
  const factories = new Map((context.workspaceKeys as PackageFactories | undefined)?.goPackageFreshClientFactories?.(model.path) ?? []);
  for (const name of goFreshClientFactories(model.text)) factories.set(name, model.path);
  if (!factories.size) return lines;
  const names = [...factories.keys()].filter((name) => /^\w+$/.test(name));
  if (!names.length) return lines;
  const call = new RegExp(`^[ \\t]*(\\w+)\\s*(?:,\\s*\\w+\\s*)?:?=\\s*(${names.join('|')})\\(`, 'gm');
  const chained = new RegExp(`(?<![\\w.])(${names.join('|')})\\([^()\\n]*\\)\\s*\\.\\s*\\w+\\(`, 'g');
  for (const fn of model.text.matchAll(/^func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(([^\n]*)\{\n([\s\S]*?)^\}/gm)) {
    const name = fn[1];
    if (factories.has(name)) continue;
    const handler = REQUEST_PARAM.test(fn[2]);
    const bodyStart = fn.index! + fn[0].length - fn[3].length - 1;
    const startup = STARTUP.test(name) || calledOnlyAtStartup(model.text, name);
    const made: { at: number; factory: string; closed: boolean; dropped: boolean }[] = [];
    for (const bound of fn[3].matchAll(call)) {
      const binding = bound[1];
      const closed = new RegExp(`\\b${binding}\\.Close\\(\\)`).test(fn[3]);
      made.push({ at: bound.index! + bound[0].length - bound[2].length - 1, factory: bound[2], closed, dropped: binding !== '_' && droppedAfterUse(fn[3], bound.index! + bound[0].length, binding) });
    }
    for (const used of fn[3].matchAll(chained)) if (!made.some((m) => m.at === used.index!)) made.push({ at: used.index!, factory: used[1], closed: false, dropped: true });
    for (const { at, factory, closed, dropped } of made) {
      if (!handler && !(closed && !FACTORY.test(name) && !startup) && !(dropped && !startup)) continue;
      const start = bodyStart + at;
      const file = factories.get(factory)!;
      const span = spanFromOffsets(model.text, start, start + factory.length);
      lines.add(span.start.line);
      context.report({
        messageId: '{{factory}}() in {{where}} creates a new client on every call ({{file}} constructs it){{closed}}: a new connection pool per call; create it once and share it.',
        data: { factory, where: handler ? 'a request handler' : `${name}()`, file: file === model.path ? 'this file' : file.split('/').pop()!, closed: closed ? ', closed again when the function returns' : dropped ? ', dropped when the function returns' : '' },
        span,
      });
    }
  }
  return lines;
}

export function goClientPerRequest(context: RuleContext): void {
  const { model } = context;
  // A creation on a line where a factory call was reported is that same client.
  const factoryLines = packageFactoryClients(context);
  const reported = new Set<number>();
  for (const creation of model.creations) {
    const fn = creation.enclosingFunction;
    if (!fn || creation.moduleLevel || creation.kind === 'pool' && creation.library !== 'redigo' || factoryLines.has(creation.span.start.line)) continue;
    if (creation.library === 'redigo' && creation.kind === 'client') continue;
    if (!fn.isRequestHandler && keptPerLoopItem(model.text, creation)) continue;
    if (!fn.isRequestHandler && !creation.loop && keptForEndlessLoop(model.text, fn.span.endOffset, creation.callSpan.endOffset, creation.binding)) continue;
    const perCall = model.go?.clientsPerCall.find((c) => c.span.startOffset === creation.span.startOffset);
    const inHandler = fn.isRequestHandler || !!creation.loop;
    // A constructor that closes its client only when the health check fails and returns it otherwise
    // (`if err := c.Ping(ctx).Err(); err != nil { c.Close(); return nil, err }; return c, nil`) hands it out.
    const closedHere = !!perCall?.closed && !(!!creation.binding && /^\w+$/.test(creation.binding) && returnsItself(model.text, fn.span.startOffset, fn.span.endOffset, creation.binding));
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
    if (reported.has(perCall.span.startOffset) || !perCall.closed || factoryLines.has(perCall.span.start.line)) continue;
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
