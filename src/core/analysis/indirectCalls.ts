/**
 * Calls of this file's own Redis-issuing functions inside for-loops: `for id in ids: get_user(id)` where
 * `get_user` runs HGETALL is one round trip per item, as if the HGETALL were written in the loop. Real code
 * hides most N+1 loops behind such helpers (`this.getRoom(id)`, `self._get_agent(aid)`).
 */
import type { Node } from 'web-tree-sitter';
import type { ContextSnapshot, LoopFrame } from './collect';
import { BLOCKING_COMMANDS, CURSOR_COMMANDS, STREAM_BLOCKING_COMMANDS, SUBSCRIBE_COMMANDS } from './commandNames';
import type { LoopInfo, RedisCallSite } from './model';
import { spanOf } from './spans';
import type { LanguageSyntax } from './syntax';
import type { Span } from '../findings';

const NOT_ROUND_TRIPS = new Set([...CURSOR_COMMANDS, ...BLOCKING_COMMANDS, ...STREAM_BLOCKING_COMMANDS, ...SUBSCRIBE_COMMANDS, 'WATCH', 'UNWATCH', 'QUIT', 'SELECT', 'MGET', 'MSET']);
const ITEM_ACCESSOR = /^_*(get|fetch|load|read|find|lookup|exists|has|is|check|delete|remove|del|decode)(_|[A-Z]|$)/;
const MAX_ACCESSOR_LINES = 15;

/** A call of a plain or self/this function inside a for-loop: a candidate for an N+1 through the file's own helper. */
export interface LoopCall {
  name: string;
  calleeSpan: Span;
  callSpan: Span;
  loop: LoopInfo;
  awaited: boolean;
}

/** The name a call reaches this file's functions by: `f(...)`, `self.f(...)`, `this.f(...)`, `cls.f(...)`. */
function localCalleeName(callee: Node, syntax: LanguageSyntax): { name: string; node: Node } | undefined {
  const type = callee.type;
  if (type === 'identifier') return { name: callee.text, node: callee };
  if (type !== 'attribute' && type !== 'member_expression') return undefined;
  const object = callee.childForFieldName('object');
  if (!object || !(object.text === syntax.selfName || object.text === 'cls')) return undefined;
  const property = callee.childForFieldName(type === 'attribute' ? 'attribute' : 'property');
  return property ? { name: property.text, node: property } : undefined;
}

/**
 * The loop call at `node`, when it is one (read while the call is analysed, so kept statements keep theirs).
 * `loopInfo` gives the loop's span and literal length, computed once per loop.
 */
export function loopCallAt(node: Node, callee: Node, loop: LoopFrame, text: string, syntax: LanguageSyntax, loopInfo: (loop: LoopFrame) => LoopInfo): LoopCall | undefined {
  const local = localCalleeName(callee, syntax);
  if (!local || local.name.length < 3 || !ITEM_ACCESSOR.test(local.name)) return undefined;
  const start = node.startIndex;
  // `await f(x)`: read from the text (a parent read walks the tree inside Wasm).
  const awaited = /\bawait\s*$/.test(text.slice(Math.max(0, start - 16), start));
  return { name: local.name, calleeSpan: spanOf(local.node), callSpan: spanOf(node), loop: loopInfo(loop), awaited };
}

export function innermostForLoop(context: ContextSnapshot, offset: number): LoopFrame | undefined {
  for (let i = context.loops.length - 1; i >= 0; i--) {
    const loop = context.loops[i];
    if (loop.kind === 'for' && offset >= loop.bodyStart && offset < loop.bodyEnd) return loop;
  }
  return undefined;
}

/** The first round trip each named item accessor of the file makes on a client, outside any loop of its own. */
function redisFunctions(sites: readonly RedisCallSite[]): Map<string, RedisCallSite> {
  const byName = new Map<string, RedisCallSite>();
  for (const site of sites) {
    const fn = site.enclosingFunction;
    if (!fn || fn.name.length < 3 || fn.name.startsWith('<')) continue;
    // Item accessors (get/load/find/exists/delete one thing) make N+1 loops; bigger operations called per item
    // (reports, reapers, schedulers) are work units whose round trips are not what the loop is about.
    if (!ITEM_ACCESSOR.test(fn.name) || fn.span.end.line - fn.span.start.line > MAX_ACCESSOR_LINES) continue;
    if (site.batched || site.loop || NOT_ROUND_TRIPS.has(site.command)) continue;
    if (site.receiver.kind !== 'client' && site.receiver.kind !== 'cluster') continue;
    if (!byName.has(fn.name)) byName.set(fn.name, site);
  }
  return byName;
}

/** Loop calls of the file's Redis-issuing item accessors, as call sites of the command they send. */
export function indirectLoopSites(family: LanguageSyntax['family'], sites: readonly RedisCallSite[], loopCalls: readonly LoopCall[]): RedisCallSite[] {
  if (!loopCalls.length) return [];
  const helpers = redisFunctions(sites);
  if (!helpers.size) return [];
  const found: RedisCallSite[] = [];
  const seenLoops = new Set<number>();
  for (const call of loopCalls) {
    const inner = helpers.get(call.name);
    if (!inner) continue;
    const fn = inner.enclosingFunction!;
    // Recursion, or the loop inside the helper itself.
    if (call.callSpan.startOffset >= fn.span.startOffset && call.callSpan.startOffset < fn.span.endOffset) continue;
    if ((fn.isAsync || family === 'script') && !call.awaited) continue;
    if (call.loop.literalLength !== undefined && call.loop.literalLength <= 3) continue;
    if (seenLoops.has(call.loop.span.startOffset)) continue;
    seenLoops.add(call.loop.span.startOffset);
    found.push({
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
      awaited: call.awaited,
      via: { helper: call.name, command: inner.command, span: inner.span },
    });
  }
  return found;
}
