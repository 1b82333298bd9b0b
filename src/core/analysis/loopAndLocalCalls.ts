/**
 * Where a file's calls sit among its loops and functions, for command-in-loop through helpers and for loops whose
 * round trips depend on earlier replies: the LoopInfo of each loop, the calls of the file's own functions, and the
 * call sites inside statement for-loops.
 */
import type { Node } from 'web-tree-sitter';
import { functionHead, type RawCall } from './collect';
import { WRITE_COMMANDS } from './commandNames';
import type { ChunkOutputs } from './incremental';
import { innermostForLoop, localCallAt, loopCallAt, type CallerInfo } from './indirectCalls';
import type { LoopInfo, RedisCallSite } from './model';
import { loopInfoOf } from './loopShape';
import { loopDependsOnReply } from './replyDependence';
import type { LanguageSyntax } from './syntax';

export class LoopAndLocalCalls {
  private readonly sitesInLoops: { site: RedisCallSite; call: Node; loop: Node }[] = [];

  constructor(
    private readonly syntax: LanguageSyntax,
    private readonly text: string,
    /** The workspace has a Redis-issuing helper of this name: a method call of it in a loop is kept (crossFileHelpers.ts). */
    private readonly isHelperName?: (name: string) => boolean,
  ) {}

  /** LoopInfo per for-loop (by start offset: no two loop nodes start together), read from the tree once. */
  private readonly loopInfos = new Map<number, LoopInfo>();

  private loopInfoAt(loop: Node): LoopInfo {
    const start = loop.startIndex;
    let info = this.loopInfos.get(start);
    if (!info) this.loopInfos.set(start, (info = loopInfoOf(loop, this.syntax, this.text)));
    return info;
  }

  /**
   * A call site's own copy of its loop's LoopInfo: its dependsOnReply is set per site (markReplyDependentLoops),
   * and its span is the site's as spanOf would have made it.
   */
  readonly siteLoopInfo = (loop: Node): LoopInfo => {
    const info = this.loopInfoAt(loop);
    const span = info.span;
    return { ...info, span: { ...span, start: { ...span.start }, end: { ...span.end } } };
  };

  /** A call of one of this file's item accessors inside a for-loop, for command-in-loop through helpers. */
  noteLoopCall(call: RawCall, out: ChunkOutputs): void {
    const loop = innermostForLoop(call.context, call.node.startIndex);
    const callee = loop && call.node.childForFieldName('function');
    if (!loop || !callee) return;
    const found = loopCallAt(call.node, callee, loop, this.text, this.syntax, (frame) => this.loopInfoAt(frame.node), call.context.fnNode && this.callerOf(call.context.fnNode).name, this.isHelperName);
    if (found) out.loopCalls.push(found);
  }

  private readonly callers = new WeakMap<Node, CallerInfo>();
  private readonly localCallKeys = new WeakMap<ChunkOutputs, Set<string>>();

  private callerOf(fnNode: Node): CallerInfo {
    let info = this.callers.get(fnNode);
    if (!info) {
      const head = functionHead(fnNode, this.syntax);
      this.callers.set(fnNode, (info = { name: head.name, lines: fnNode.endPosition.row - fnNode.startPosition.row, isAsync: head.isAsync }));
    }
    return info;
  }

  /** A call between the file's own functions (`self.getHash(...)` inside `getUser`), for helpers that send commands through others. */
  noteLocalCall(call: RawCall, out: ChunkOutputs): void {
    const start = call.node.startIndex;
    // The iterable of a loop or comprehension (`for bv in self.buckets_counts(name)`) is called once, not per round.
    const found = localCallAt(this.text, start, this.callerOf(call.context.fnNode!), call.context.loops.some((loop) => start >= loop.bodyStart && start < loop.bodyEnd));
    if (!found) return;
    let keys = this.localCallKeys.get(out);
    if (!keys) this.localCallKeys.set(out, (keys = new Set()));
    const key = `${found.caller}\n${found.callee}`;
    if (keys.has(key)) return;
    keys.add(key);
    out.localCalls.push(found);
  }

  /** An unbatched command on a client inside `loop`, whose N+1 may be excused by a dependence on earlier replies. */
  noteSiteInLoop(site: RedisCallSite, call: Node, loop: Node): void {
    this.sitesInLoops.push({ site, call, loop });
  }

  /** Statement for-loops whose round trips depend on earlier replies (retry, poll, paging) cannot be batched. */
  markReplyDependentLoops(): void {
    const byLoop = new Map<number, typeof this.sitesInLoops>();
    for (const entry of this.sitesInLoops) {
      if (entry.loop.type !== 'for_statement' && entry.loop.type !== 'for_in_statement') continue;
      const list = byLoop.get(entry.loop.startIndex) ?? [];
      list.push(entry);
      byLoop.set(entry.loop.startIndex, list);
    }
    for (const entries of byLoop.values()) {
      const loop = entries[0].loop;
      const body = loop.childForFieldName('body');
      if (!body) continue;
      const calls = entries.map((entry) => entry.call);
      const dependent = entries.some((entry) => loopDependsOnReply(loop, body, entry.call, calls, WRITE_COMMANDS.has(entry.site.command)));
      for (const entry of entries) entry.site.loop!.dependsOnReply = dependent;
    }
  }
}
