/**
 * Full scan of one node, stopping cleanly on abort with the cursor to resume from.
 * Script strategy: each server call does one SCAN step and inspects its keys (the next call is sent as soon
 * as a reply arrives, before the reply is processed). Pipeline strategy: SCAN runs one call ahead on its own
 * connection while batches of the previous reply are inspected, a bounded number in flight.
 * A failed server call (connection lost, server killed) ends the node's scan without losing what was read:
 * the result carries the error and the cursor up to which every key reached the sink, so a resumed run neither
 * skips nor double-counts a key.
 */
import type { AnalysisNode } from './analysisNodes';
import type { BatchLimits } from './batchLimits';
import type { KeyInspector } from './keyInspector';
import type { InspectedFields } from './inspectScript';

export interface NodeRunResult {
  /** '0' when the node was scanned to the end; otherwise the SCAN cursor to resume from ('' = from the start). */
  cursor: string;
  complete: boolean;
  /** The failure that stopped the scan early (absent when it finished or was cancelled). */
  error?: Error;
}

export type KeySink = (key: Buffer, fields: InspectedFields) => void;

export interface ScanOptions {
  limits: BatchLimits;
  startCursor?: string;
  signal?: AbortSignal;
  onBatch?: (cursor: string) => void;
}

export async function scanNode(node: AnalysisNode, inspector: KeyInspector, sink: KeySink, options: ScanOptions): Promise<NodeRunResult> {
  return inspector.strategy() === 'script' ? scanWithScript(inspector, sink, options) : scanWithPipelines(node, inspector, sink, options);
}

/** Bits of the cursor's low end reversed: SCAN visits buckets in increasing reversed-cursor order. */
function reverseLowBits(value: number, bits: number): number {
  let out = 0;
  for (let i = 0; i < bits; i++) out |= ((value >> i) & 1) << (bits - 1 - i);
  return out;
}

/**
 * SCAN visits cursors in increasing bit-reversed order, so the cursors whose low `bits` bits, reversed, equal k
 * form one contiguous stretch of the walk (for any table size of at least 2^bits buckets). Chain k starts at
 * that stretch's first cursor and stops where the next stretch begins, so K = 2^bits chains cover the table
 * once between them — and keep the server busy while the client handles the other chain's reply.
 */
function chainOwns(cursor: string, chain: number, bits: number): boolean {
  if (cursor === '0') return false;
  const low = Number(BigInt(cursor) & BigInt((1 << bits) - 1));
  return reverseLowBits(low, bits) === chain;
}

/** Resume text for a script scan: one cursor per chain, "done" for finished chains. */
function chainCursors(cursors: string[]): string {
  return cursors.join(',');
}

async function scanWithScript(inspector: KeyInspector, sink: KeySink, options: ScanOptions): Promise<NodeRunResult> {
  const count = options.limits.keysPerCall;
  const bits = Math.log2(options.limits.scanChains ?? 1);
  const chains = 1 << bits;
  const resumed = options.startCursor ? options.startCursor.split(',') : undefined;
  const cursors = Array.from({ length: chains }, (_, k) => resumed?.[k] ?? String(reverseLowBits(k, bits)));
  let failure: Error | undefined;
  await Promise.all(
    cursors.map(async (start, k) => {
      if (start === 'done') return;
      let pending = inspector.scanAndInspect(start, count, { bits, index: k });
      try {
        for (;;) {
          const step = await pending;
          // One chain failing stops the others too: the report is then cut at a consistent point per chain.
          const more = chainOwns(step.cursor, k, bits) && !options.signal?.aborted && !failure;
          if (more) pending = inspector.scanAndInspect(step.cursor, count, { bits, index: k });
          step.fields.forEach((fields, i) => fields && sink(step.keys[i], fields));
          cursors[k] = chainOwns(step.cursor, k, bits) ? step.cursor : 'done';
          options.onBatch?.(chainCursors(cursors));
          if (!more) return;
        }
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  const complete = cursors.every((c) => c === 'done');
  return { cursor: complete ? '0' : chainCursors(cursors), complete, ...(failure && !complete ? { error: failure } : {}) };
}

/** Keys of one SCAN reply inspected in bounded batches; sunk only once all of them succeeded. */
async function inspectReply(inspector: KeyInspector, keys: Buffer[], limits: BatchLimits): Promise<Array<{ key: Buffer; fields: InspectedFields }>> {
  const inspected: Array<{ key: Buffer; fields: InspectedFields }> = [];
  const inFlight: Array<Promise<void>> = [];
  let failure: unknown;
  for (let start = 0; start < keys.length && failure === undefined; start += limits.keysPerCall) {
    const chunk = keys.slice(start, start + limits.keysPerCall);
    inFlight.push(
      inspector.inspect(chunk).then(
        (results) => results.forEach((fields, i) => fields && inspected.push({ key: chunk[i], fields })),
        (error) => void (failure ??= error),
      ),
    );
    while (inFlight.length >= limits.maxInFlight) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return inspected;
}

async function scanWithPipelines(node: AnalysisNode, inspector: KeyInspector, sink: KeySink, options: ScanOptions): Promise<NodeRunResult> {
  const { limits, signal } = options;
  // The next SCAN is sent before the current reply is inspected, so it can fail (the server gone) while nothing awaits
  // it yet: a handler is attached at once so that failure is not an unhandled rejection; the await below still throws it.
  const scan = (cursor: string) => {
    const reply = node.scanConnection.scanBuffer(cursor, 'COUNT', limits.scanCount);
    reply.catch(() => undefined);
    return reply;
  };
  // The cursor up to which every key reached the sink ('' = none yet, so a resume starts over).
  let committed = options.startCursor ?? '';
  let pending = scan(committed || '0');
  try {
    for (;;) {
      if (signal?.aborted) return { cursor: committed, complete: false };
      const [nextBuffer, keys] = await pending;
      const next = nextBuffer.toString();
      if (next !== '0') pending = scan(next);
      const inspected = await inspectReply(inspector, keys, limits);
      for (const { key, fields } of inspected) sink(key, fields);
      committed = next;
      options.onBatch?.(committed);
      if (next === '0') return { cursor: '0', complete: true };
    }
  } catch (error) {
    return { cursor: committed, complete: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
