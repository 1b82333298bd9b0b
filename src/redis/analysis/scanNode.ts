/**
 * Full scan of one node, stopping cleanly on abort with the cursor to resume from.
 * Script strategy: each server call does one SCAN step and inspects its keys (the next call is sent as soon
 * as a reply arrives, before the reply is processed). Pipeline strategy: SCAN runs one call ahead on its own
 * connection while batches of the previous reply are inspected, a bounded number in flight.
 */
import type { AnalysisNode } from './analysisNodes';
import type { BatchLimits } from './batchLimits';
import type { KeyInspector } from './keyInspector';
import type { InspectedFields } from './inspectScript';

export interface NodeRunResult {
  /** '0' when the node was scanned to the end; otherwise the SCAN cursor to resume from. */
  cursor: string;
  complete: boolean;
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
  const resumed = options.startCursor?.split(',');
  const cursors = Array.from({ length: chains }, (_, k) => resumed?.[k] ?? String(reverseLowBits(k, bits)));
  await Promise.all(
    cursors.map(async (start, k) => {
      if (start === 'done') return;
      let pending = inspector.scanAndInspect(start, count, { bits, index: k });
      for (;;) {
        const step = await pending;
        const more = chainOwns(step.cursor, k, bits) && !options.signal?.aborted;
        if (more) pending = inspector.scanAndInspect(step.cursor, count, { bits, index: k });
        step.fields.forEach((fields, i) => fields && sink(step.keys[i], fields));
        cursors[k] = chainOwns(step.cursor, k, bits) ? step.cursor : 'done';
        options.onBatch?.(chainCursors(cursors));
        if (!more) return;
      }
    }),
  );
  const complete = cursors.every((c) => c === 'done');
  return { cursor: complete ? '0' : chainCursors(cursors), complete };
}

async function scanWithPipelines(node: AnalysisNode, inspector: KeyInspector, sink: KeySink, options: ScanOptions): Promise<NodeRunResult> {
  const { limits, signal } = options;
  const scan = (cursor: string) => node.scanConnection.scanBuffer(cursor, 'COUNT', limits.scanCount);
  let cursor = options.startCursor ?? '0';
  let pending = scan(cursor);
  const inFlight: Array<Promise<void>> = [];
  let complete = false;
  try {
    for (;;) {
      if (signal?.aborted) {
        pending.catch(() => undefined);
        break;
      }
      const [nextBuffer, keys] = await pending;
      const next = nextBuffer.toString();
      if (next !== '0') pending = scan(next);
      for (let start = 0; start < keys.length; start += limits.keysPerCall) {
        const chunk = keys.slice(start, start + limits.keysPerCall);
        inFlight.push(
          inspector.inspect(chunk).then((results) => {
            results.forEach((fields, i) => fields && sink(chunk[i], fields));
          }),
        );
        while (inFlight.length >= limits.maxInFlight) await inFlight.shift();
      }
      cursor = next;
      options.onBatch?.(cursor);
      if (next === '0') {
        complete = true;
        break;
      }
    }
  } finally {
    await Promise.all(inFlight);
  }
  return { cursor, complete };
}
