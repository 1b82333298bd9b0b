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

async function scanWithScript(inspector: KeyInspector, sink: KeySink, options: ScanOptions): Promise<NodeRunResult> {
  const count = options.limits.keysPerCall;
  let cursor = options.startCursor ?? '0';
  let pending = inspector.scanAndInspect(cursor, count);
  for (;;) {
    const step = await pending;
    const more = step.cursor !== '0' && !options.signal?.aborted;
    if (more) pending = inspector.scanAndInspect(step.cursor, count);
    step.fields.forEach((fields, i) => fields && sink(step.keys[i], fields));
    cursor = step.cursor;
    options.onBatch?.(cursor);
    if (!more) return { cursor, complete: cursor === '0' };
  }
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
