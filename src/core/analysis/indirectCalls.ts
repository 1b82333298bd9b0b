/**
 * Calls of this file's own Redis-issuing functions inside for-loops: `for id in ids: get_user(id)` where
 * `get_user` runs HGETALL is one round trip per item, as if the HGETALL were written in the loop. Real code
 * hides most N+1 loops behind such helpers (`this.getRoom(id)`, `self._get_agent(aid)`), sometimes two deep
 * (`getUser` → `self.getHash` → HGETALL): calls between the file's functions are kept by name to follow them.
 */
import type { Node } from 'web-tree-sitter';
import type { ContextSnapshot, LoopFrame } from './collect';
import { BLOCKING_COMMANDS, CURSOR_COMMANDS, STREAM_BLOCKING_COMMANDS, SUBSCRIBE_COMMANDS } from './commandNames';
import type { LoopInfo, RedisCallSite } from './model';
import { spanOf } from './spans';
import { answersFromOwnMemo } from './memoizedLookup';
import type { LanguageSyntax } from './syntax';
import type { Span } from '../findings';

// A helper's MGET/MSET is one round trip per call: called once per item of a loop, it is N+1 like any other command.
const NOT_ROUND_TRIPS = new Set([...CURSOR_COMMANDS, ...BLOCKING_COMMANDS, ...STREAM_BLOCKING_COMMANDS, ...SUBSCRIBE_COMMANDS, 'WATCH', 'UNWATCH', 'QUIT', 'SELECT']);
// `from_redis(r, uuid)`, `fromStore(client, id)`: an alternate constructor that builds one item from its stored record.
const ITEM_ACCESSOR = /^_*(get|fetch|load|read|find|lookup|exists|has|is|check|delete|remove|del|decode|from)(_|[A-Z]|$)/;
/** Functions of any name this short are thin wrappers of their command (`def _lease_exists(db, id): return db.exists(...)`). */
const MAX_WRAPPER_LINES = 8;
/** How many helper levels are followed (`listUsers` → `getUser` → `getHash`). */
const MAX_HELPER_DEPTH = 3;

/** A call of a plain or self/this function inside a for-loop: a candidate for an N+1 through the file's own helper. */
export interface LoopCall {
  name: string;
  calleeSpan: Span;
  callSpan: Span;
  loop: LoopInfo;
  awaited: boolean;
  /** Name of the function the loop is in (a helper never counts for its own loops). */
  caller?: string;
  /**
   * The object the method is called on when it is neither self/this nor absent (`redis_manager` in
   * `redis_manager.get_user(k)`, `cacheService` in `this.cacheService.get(k)`): a helper of another class or module.
   */
  receiver?: string;
  /**
   * A counted loop (`for _ in range(5)`, `for (let attempt = 0; ...)`) calling the helper without its counter:
   * every round asks the same thing (retry until a lock is taken, poll), not one item each.
   */
  repeatsSameCall?: boolean;
}

/** A call between the file's own functions (`getUser` calls `self.getHash`), by name only: kept as is across edits. */
export interface LocalCall {
  caller: string;
  callerLines: number;
  callerAsync: boolean;
  callee: string;
  /** The call is inside a loop of the caller: the caller is then a loop of its own, not one more round trip. */
  inLoop: boolean;
}

/** The enclosing function as the helper summaries need it (read once per function node). */
export interface CallerInfo {
  name: string;
  lines: number;
  isAsync: boolean;
}

const LOCAL_CALLEE = /(?:(?:self|this|cls)\s*\.\s*#?)?([A-Za-z_$][\w$]*)\s*\(/y;

/** The local call starting at `start` (`f(`, `self.f(`, `this.f(`), read from the text without touching the tree. */
export function localCallAt(text: string, start: number, caller: CallerInfo, inLoop: boolean): LocalCall | undefined {
  LOCAL_CALLEE.lastIndex = start;
  const match = LOCAL_CALLEE.exec(text);
  const callee = match?.[1];
  if (!callee || callee.length < 3 || callee === caller.name || caller.name.startsWith('<')) return undefined;
  return { caller: caller.name, callerLines: caller.lines, callerAsync: caller.isAsync, callee, inLoop };
}

/** Whether the file defines a class of that name (`class Item:`, `export class Ticket {`). */
function classInFile(text: string, name: string): boolean {
  return new RegExp(`(?:^|[\\s;}])class\\s+${name.replace(/[$]/g, '\\$')}\\b`, 'm').test(text);
}

/**
 * The name a call reaches this file's functions by: `f(...)`, `self.f(...)`, `this.f(...)`, `cls.f(...)`, and a
 * static method of a class the file defines, called on the class (`Item.from_redis(r, uuid)`).
 */
function localCalleeName(callee: Node, syntax: LanguageSyntax, text?: string): { name: string; node: Node } | undefined {
  const type = callee.type;
  if (type === 'identifier') return { name: callee.text, node: callee };
  if (type !== 'attribute' && type !== 'member_expression') return undefined;
  const object = callee.childForFieldName('object');
  const onClass = !!object && !!text && object.type === 'identifier' && /^[A-Z]/.test(object.text) && classInFile(text, object.text);
  if (!object || !(object.text === syntax.selfName || object.text === 'cls' || onClass)) return undefined;
  const property = callee.childForFieldName(type === 'attribute' ? 'attribute' : 'property');
  return property ? { name: property.text, node: property } : undefined;
}

/**
 * `obj.method(...)`, `self.obj.method(...)`, `this.obj.method(...)`: a method of another object, named by the
 * object's last name, when `isHelperName` says some file of the project has a Redis-issuing helper of that name.
 */
function memberCalleeName(callee: Node, syntax: LanguageSyntax, isHelperName: (name: string) => boolean): { name: string; node: Node; receiver: string } | undefined {
  const type = callee.type;
  if (type !== 'attribute' && type !== 'member_expression') return undefined;
  const property = callee.childForFieldName(type === 'attribute' ? 'attribute' : 'property');
  if (!property || !isHelperName(property.text)) return undefined;
  const object = callee.childForFieldName('object');
  if (!object) return undefined;
  if (object.type === 'identifier') return object.text === syntax.selfName || object.text === 'cls' ? undefined : { name: property.text, node: property, receiver: object.text };
  if (object.type !== 'attribute' && object.type !== 'member_expression') return undefined;
  const owner = object.childForFieldName('object');
  const last = object.childForFieldName(object.type === 'attribute' ? 'attribute' : 'property');
  if (!owner || !last || !(owner.text === syntax.selfName || owner.text === 'cls')) return undefined;
  return { name: property.text, node: property, receiver: last.text.replace(/^#/, '') };
}

/**
 * The loop call at `node`, when it is one (read while the call is analysed, so kept statements keep theirs).
 * `loopInfo` gives the loop's span and literal length, computed once per loop; `isHelperName` admits calls of
 * other objects' methods that the workspace knows as Redis-issuing helpers.
 */
export function loopCallAt(
  node: Node,
  callee: Node,
  loop: LoopFrame,
  text: string,
  syntax: LanguageSyntax,
  loopInfo: (loop: LoopFrame) => LoopInfo,
  caller?: string,
  isHelperName?: (name: string) => boolean,
): LoopCall | undefined {
  // `await this.cache.get<T>(key)` parses as a call of `await this.cache.get` with type arguments.
  const awaitedCallee = callee.type === 'await_expression' ? callee.namedChild(0) : null;
  if (awaitedCallee) callee = awaitedCallee;
  const local: { name: string; node: Node; receiver?: string } | undefined = localCalleeName(callee, syntax, text) ?? (isHelperName ? memberCalleeName(callee, syntax, isHelperName) : undefined);
  if (!local || local.name.length < 3) return undefined;
  const start = node.startIndex;
  // `await f(x)`: read from the text (a parent read walks the tree inside Wasm).
  const awaited = awaitedCallee !== null || /\bawait\s*$/.test(text.slice(Math.max(0, start - 16), start));
  const callSpan = spanOf(node);
  const repeatsSameCall = countedWithout(text, loop, local.node.endIndex, callSpan.endOffset);
  const receiver = local.receiver;
  return { name: local.name, calleeSpan: spanOf(local.node), callSpan, loop: loopInfo(loop), awaited, caller, ...(receiver ? { receiver } : {}), ...(repeatsSameCall ? { repeatsSameCall } : {}) };
}

const COUNTED_PYTHON = /^for\s+([A-Za-z_]\w*)\s+in\s+range\s*\(/;
const COUNTED_SCRIPT = /^for\s*\(\s*(?:let|var)?\s*([A-Za-z_$][\w$]*)\s*=/;

/**
 * The loop counts rounds (range / C-style) and the call's arguments do not read its counter, nor a name the round
 * binds from it before the call (`const key = keys[i]`, `item = items[i]`).
 */
function countedWithout(text: string, loop: LoopFrame, argsStart: number, callEnd: number): boolean {
  const start = loop.node.startIndex;
  const header = text.slice(start, Math.min(loop.bodyStart, start + 200));
  const counter = (COUNTED_PYTHON.exec(header) ?? COUNTED_SCRIPT.exec(header))?.[1];
  if (!counter) return false;
  const word = (name: string) => new RegExp(`(?<![\\w$.])${name.replace(/[$]/g, '\\$')}(?![\\w$])`);
  const names = [counter];
  const before = text.slice(loop.bodyStart, argsStart);
  for (const bound of before.matchAll(/(?:\b(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=(?![=>])\s*([^;\n]*)/g)) {
    if (word(counter).test(bound[2])) names.push(bound[1]);
  }
  const args = text.slice(argsStart, callEnd);
  return !names.some((name) => word(name).test(args));
}

export function innermostForLoop(context: ContextSnapshot, offset: number): LoopFrame | undefined {
  for (let i = context.loops.length - 1; i >= 0; i--) {
    const loop = context.loops[i];
    if (loop.kind === 'for' && offset >= loop.bodyStart && offset < loop.bodyEnd) return loop;
  }
  return undefined;
}

export interface RedisFunction {
  /** The first round trip the function makes, directly or through the helpers it calls. */
  site: RedisCallSite;
  isAsync: boolean;
  /** The function's span when it sends the command itself (a loop inside it is its own, not a caller's). */
  span?: Span;
}

/**
 * Item accessors (get/load/find/exists/delete one thing) of any size, and thin wrappers of any name, make N+1
 * loops; bigger operations called per item (reports, reapers, schedulers) are work units whose round trips are
 * not what the loop is about.
 */
function eligible(name: string, lines: number): boolean {
  return name.length >= 3 && !name.startsWith('<') && (ITEM_ACCESSOR.test(name) || lines <= MAX_WRAPPER_LINES);
}

/**
 * Builtins and value constructors a helper calls to shape its reply (`int(r.get(k))`, `sum(...)`, `BucketCount(...)`):
 * they send nothing, so they leave a one-command function an item accessor.
 */
const SENDS_NOTHING = /^(?:[A-Z][\w$]*|int|str|float|bool|bytes|len|sum|min|max|abs|round|map|filter|zip|list|dict|set|tuple|sorted|reversed|enumerate|range|isinstance|issubclass|getattr|setattr|hasattr|iter|next|any|all|repr|format|print|super|type|parseInt|parseFloat|isNaN|require)$/;

/** Whether the file defines a function or method of that name (a call of it is seen in this file's sites and calls). */
function definedInFile(text: string, name: string): boolean {
  const word = name.replace(/[$]/g, '\\$');
  return new RegExp(`\\bdef\\s+${word}\\s*\\(|\\bfunction\\s*\\*?\\s*${word}\\s*\\(|(?:^|[\\s;{}])(?:(?:static|async|private|public|protected|get)\\s+)*${word}\\s*\\([^()]*\\)\\s*(?::[^{;=]*)?\\{|(?<![\\w$.])${word}\\s*[=:]\\s*(?:async\\s*)?(?:function\\b|\\([^()]*\\)\\s*(?::[^=]*)?=>|[A-Za-z_$][\\w$]*\\s*=>)`, 'm').test(text);
}

/** How many commands each of the file's functions sends itself: 1 for one plain command, more for anything else. */
function ownRoundTrips(sites: readonly RedisCallSite[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const site of sites) {
    const fn = site.enclosingFunction;
    if (!fn) continue;
    const plain = !site.batched && !site.loop && !site.anyLoop && (site.receiver.kind === 'client' || site.receiver.kind === 'cluster');
    // Anything but one plain command (a pipeline, a loop of its own, a second command) makes it a unit of work.
    counts.set(fn.name, (counts.get(fn.name) ?? 0) + (plain ? 1 : 2));
  }
  return counts;
}

/**
 * Whether a callee may send commands: one of the file's functions with commands of its own or calling such a one,
 * or a function the file does not define (imported: its commands are not seen here). Builtins and constructors do
 * not. Without the file's text every callee may.
 */
function roundTripCallees(counts: ReadonlyMap<string, number>, localCalls: readonly LocalCall[], text?: string): (callee: string) => boolean {
  const known = new Map<string, boolean>();
  const may = (callee: string): boolean => {
    if (!text || counts.has(callee)) return true;
    const cached = known.get(callee);
    if (cached !== undefined) return cached;
    // Provisionally false while its own callees are read: a cycle of the file's functions sends nothing by itself.
    known.set(callee, false);
    // A function of the file named like a builtin (`def format(pk)`) is read as the file's.
    const answer = definedInFile(text, callee) ? localCalls.some((call) => call.caller === callee && may(call.callee)) : !SENDS_NOTHING.test(callee);
    known.set(callee, answer);
    return answer;
  };
  return may;
}

/**
 * Functions whose only Redis work is one command on a client, with no loop or pipeline, that call no other function
 * or, reading the reply, none that may send commands: whatever their length or name (`delayedAt(ts)`: LRANGE, then
 * parsing; `buckets_counts(name)`: the window's bucket keys from `self._get_buckets()`, one MGET, `float()` of each
 * reply), they are an item accessor.
 */
function singleRoundTripFunctions(sites: readonly RedisCallSite[], counts: ReadonlyMap<string, number>, localCalls: readonly LocalCall[], may: (callee: string) => boolean): Set<string> {
  const callers = new Set(localCalls.map((call) => call.caller));
  // Only the callees of one-command functions are asked about (each answer may read the whole text).
  const sendingCallers = new Set(localCalls.filter((call) => counts.get(call.caller) === 1 && may(call.callee)).map((call) => call.caller));
  // Calling other functions, it is an accessor only when it uses the reply: `self.client.incr("orders")` as a
  // statement, then work on its argument, is a unit of work that counts, not a read of the item.
  const readers = new Set(sites.filter((site) => site.enclosingFunction && !site.statementSpan).map((site) => site.enclosingFunction!.name));
  return new Set([...counts].filter(([name, count]) => count === 1 && (!callers.has(name) || (!sendingCallers.has(name) && readers.has(name)))).map(([name]) => name));
}

/**
 * The caller has no commands of its own and its one call that may send commands is of `callee`, made once, outside
 * any loop (`count(name)`: `sum(... for bv in self.buckets_counts(name))`): it costs what that callee costs.
 */
function forwardsTo(caller: string, callee: string, counts: ReadonlyMap<string, number>, localCalls: readonly LocalCall[], may: (callee: string) => boolean): boolean {
  if (counts.has(caller)) return false;
  const sending = localCalls.filter((call) => call.caller === caller && may(call.callee));
  return sending.length === 1 && sending[0].callee === callee && !sending[0].inLoop;
}

/** The root name of a command's receiver (`this.redis.get` -> `redis`, `self.conn` -> `conn`). */
function receiverRoot(site: RedisCallSite): string {
  return site.receiver.text.replace(/^(?:this|self|cls)\s*\.\s*/, '').split(/[\s.([?!]/)[0];
}

/**
 * The file's functions that make a round trip on a client outside any loop of their own, directly or through each
 * other. With the file's text, a function that answers from an in-process memo it fills itself is left out: it
 * makes its round trip once per key, not per call.
 */
export function redisFunctions(sites: readonly RedisCallSite[], localCalls: readonly LocalCall[], text?: string): Map<string, RedisFunction> {
  const byName = new Map<string, RedisFunction>();
  const counts = ownRoundTrips(sites);
  const may = roundTripCallees(counts, localCalls, text);
  const single = singleRoundTripFunctions(sites, counts, localCalls, may);
  const memoized = new Set<string>();
  const roots = text ? new Set(sites.map(receiverRoot)) : undefined;
  for (const site of sites) {
    const fn = site.enclosingFunction;
    if (!fn || byName.has(fn.name) || memoized.has(fn.name) || !(eligible(fn.name, fn.span.end.line - fn.span.start.line) || single.has(fn.name))) continue;
    if (text && roots && answersFromOwnMemo(text, fn.span, site.span.startOffset, roots)) {
      memoized.add(fn.name);
      continue;
    }
    // A command in a loop of the helper's own (a cursor walk, a retry) is that loop's business, not one round trip.
    if (site.batched || site.loop || site.anyLoop || NOT_ROUND_TRIPS.has(site.command)) continue;
    if (site.receiver.kind !== 'client' && site.receiver.kind !== 'cluster') continue;
    byName.set(fn.name, { site, isAsync: fn.isAsync, span: fn.span });
  }
  if (!byName.size) return byName;
  for (let depth = 1; depth < MAX_HELPER_DEPTH; depth++) {
    let added = false;
    for (const call of localCalls) {
      const inner = byName.get(call.callee);
      if (!inner || call.inLoop || byName.has(call.caller) || !(eligible(call.caller, call.callerLines) || forwardsTo(call.caller, call.callee, counts, localCalls, may))) continue;
      byName.set(call.caller, { site: inner.site, isAsync: call.callerAsync });
      added = true;
    }
    if (!added) break;
  }
  return byName;
}

/**
 * `SET_CACHE = set_cache` (also one binding per branch: `if DEBUG: SET_CACHE = timed_set_cache` / `else: SET_CACHE =
 * set_cache`), `const fetchUser = getUser;`: a name bound to the function itself, not to a call of it.
 */
const FUNCTION_ALIAS = /^[ \t]*(?:(?:export[ \t]+)?(?:const|let|var)[ \t]+)?([A-Za-z_$][\w$]*)[ \t]*=[ \t]*([A-Za-z_$][\w$]*)[ \t]*;?[ \t]*(?:#.*|\/\/.*)?$/gm;

/**
 * The helpers with the names the file binds to one of them added (`SET_CACHE = set_cache`): calling the alias in a
 * loop calls the helper, one round trip per item. A name bound to one helper in one branch and to another function
 * in the other still reaches the helper on that path.
 */
export function withAliases(helpers: Map<string, RedisFunction>, text: string): Map<string, RedisFunction> {
  if (!helpers.size) return helpers;
  let out = helpers;
  for (const match of text.matchAll(FUNCTION_ALIAS)) {
    const [, alias, target] = match;
    const helper = helpers.get(target);
    if (!helper || alias === target || out.has(alias)) continue;
    if (out === helpers) out = new Map(helpers);
    out.set(alias, { site: helper.site, isAsync: helper.isAsync });
  }
  return out;
}

/** Whether a loop call makes one round trip per item through a helper (awaited where it must be, over a real collection). */
export function callsPerItem(family: LanguageSyntax['family'], call: LoopCall, helperIsAsync: boolean): boolean {
  if ((helperIsAsync || family === 'script') && !call.awaited && !call.loop.gathered) return false;
  if (call.loop.literalLength !== undefined && call.loop.literalLength <= 3) return false;
  return !call.repeatsSameCall;
}

/** The call site a loop call of a helper stands for: the helper's command, at the call, in the loop. */
export function loopSiteThrough(call: LoopCall, inner: RedisCallSite, via: NonNullable<RedisCallSite['via']>): RedisCallSite {
  return {
    ...inner,
    method: call.name,
    args: [],
    keywords: {},
    span: call.calleeSpan,
    callSpan: call.callSpan,
    expressionSpan: call.callSpan,
    statementSpan: undefined,
    loop: call.loop,
    anyLoop: call.loop.span,
    isLoopIterable: false,
    awaited: call.awaited || call.loop.gathered === true,
    via: call.caller ? { ...via, caller: call.caller } : via,
  };
}

/** Loop calls of the file's Redis-issuing item accessors, as call sites of the command they send. */
export function indirectLoopSites(family: LanguageSyntax['family'], sites: readonly RedisCallSite[], loopCalls: readonly LoopCall[], localCalls: readonly LocalCall[] = [], helpers = redisFunctions(sites, localCalls)): RedisCallSite[] {
  if (!loopCalls.length || !helpers.size) return [];
  const found: RedisCallSite[] = [];
  const seenLoops = new Set<number>();
  for (const call of loopCalls) {
    if (call.receiver) continue;
    const helper = helpers.get(call.name);
    if (!helper) continue;
    const inner = helper.site;
    // Recursion, or the loop inside the helper itself.
    if (call.caller === call.name) continue;
    if (helper.span && call.callSpan.startOffset >= helper.span.startOffset && call.callSpan.startOffset < helper.span.endOffset) continue;
    if (!callsPerItem(family, call, helper.isAsync)) continue;
    if (seenLoops.has(call.loop.span.startOffset)) continue;
    seenLoops.add(call.loop.span.startOffset);
    found.push(loopSiteThrough(call, inner, { helper: call.name, command: inner.command, span: inner.span }));
  }
  return found;
}
