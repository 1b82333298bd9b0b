/**
 * command-in-loop on Go, for batches sent once per loop round: a go-redis pipeline executed (`pipe.Exec(ctx)`,
 * `rdb.Pipelined(ctx, …)`, `rdb.TxPipelined(ctx, …)`), an optimistic transaction run (`rdb.Watch(ctx, func(tx
 * *redis.Tx) error {…}, key)`) or a rueidis `DoMulti` inside a loop over items. Each is one network round trip, so
 * the loop still pays one per item; queuing every item's commands on one pipeline sent after the loop does not.
 * Loops over chunks of a collection (`i += batchSize`), fixed tables, events and retries are left alone.
 */
import type { LoopInfo } from '../../analysis/model';
import { spanFromOffsets } from '../../analysis/spans';
import type { RuleContext } from '../rule';

/** Flushes whose name alone says Redis: go-redis' pipeline and transaction runners, rueidis' DoMulti. */
const FLUSH = /\.(DoMulti|DoMultiCache|Pipelined|TxPipelined)\(|\.(Watch)\(\s*\w+\s*,\s*func\s*\(\s*\w+\s+\*\w+\.Tx\s*\)/g;

/**
 * The loop walks batches, not items: a stride (`i += batchSize`), or a range over chunks, pages, slots, nodes or
 * shards (`for _, batch := range batches`, `for slot, keys := range bySlot`, `lo.Chunk(ids, 500)`): one batch per
 * round is the point.
 */
function walksBatches(header: string): boolean {
  if (/\+=\s*(?!1\b)\w/.test(header) || /\bChunk\w*\(/.test(header)) return true;
  return /\brange\s+[\w.]*(chunk|batch|page|slot|node|shard|group|partition)s?\w*\b/i.test(header) || /^for\s+(\w+\s*,\s*)?\w*(chunk|batch|page|slot|node|shard)\w*\s*:?=/i.test(header);
}

export function goBatchesInLoop(context: RuleContext, reportedLoops: Set<number>, reportedCalls: number[]): void {
  const { text, callSites } = context.model;
  const loops = new Map<number, LoopInfo>();
  for (const site of callSites) if (site.loop) loops.set(site.loop.span.startOffset, site.loop);
  // A pipeline's EXEC is a call site of its own: the pipeline is sent there.
  const execs = callSites.filter((site) => site.command === 'EXEC' && (site.receiver.kind === 'pipeline' || site.receiver.kind === 'transaction')).map((site) => ({ at: site.span.startOffset, end: site.span.endOffset, what: `${site.receiver.text}.${site.method}(…)` }));
  for (const loop of [...loops.values()].sort((a, b) => a.span.startOffset - b.span.startOffset)) {
    const start = loop.span.startOffset;
    const end = loop.span.endOffset;
    if (loop.dependsOnReply || loop.bounded || reportedLoops.has(start) || reportedCalls.some((at) => start <= at && at < end)) continue;
    if (walksBatches(text.slice(start, text.indexOf('{', start)).trim())) continue;
    const flushes = [...text.slice(start, end).matchAll(FLUSH)].map((m) => {
      const name = m[1] ?? m[2];
      const at = start + m.index! + m[0].indexOf(name);
      return { at, end: at + name.length, what: `${name}(…)` };
    });
    const first = [...flushes, ...execs.filter((e) => start <= e.at && e.at < end)].sort((a, b) => a.at - b.at)[0];
    if (!first) continue;
    reportedLoops.add(start);
    reportedCalls.push(first.at);
    context.report({
      messageId: '{{call}} sends a batch once per loop iteration: one network round trip each; queue every iteration\'s commands on one pipeline and send it once after the loop.',
      data: { call: first.what },
      span: spanFromOffsets(text, first.at, first.end),
    });
  }
}
