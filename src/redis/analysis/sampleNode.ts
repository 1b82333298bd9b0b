/**
 * Uniform random sample of one node's keyspace: RANDOMKEY (the server's fair random pick over the whole
 * dict, not the first N keys of a SCAN) repeated `size` times in pipelined chunks, with replacement, then
 * inspected like a scan batch. Every sampled key then stands for DBSIZE / size keys.
 */
import type { AnalysisNode } from './analysisNodes';
import type { BatchLimits } from './batchLimits';
import type { KeyInspector } from './keyInspector';
import type { KeySink } from './scanNode';

export async function sampleNode(
  node: AnalysisNode,
  inspector: KeyInspector,
  sink: KeySink,
  options: { size: number; limits: BatchLimits; signal?: AbortSignal; onBatch?: () => void },
): Promise<{ sampled: number; complete: boolean; error?: Error }> {
  let sampled = 0;
  try {
    while (sampled < options.size) {
      if (options.signal?.aborted) return { sampled, complete: false };
      const count = Math.min(options.limits.keysPerCall, options.size - sampled);
      const pipeline = node.scanConnection.pipeline();
      for (let i = 0; i < count; i++) pipeline.randomkeyBuffer();
      const replies = (await pipeline.exec()) ?? [];
      const failed = replies.find(([error]) => error)?.[0];
      if (failed) throw failed;
      const keys = replies.map(([, key]) => key as Buffer | null).filter((key): key is Buffer => key !== null);
      if (keys.length === 0) break;
      const results = await inspector.inspect(keys);
      // A key that expired between RANDOMKEY and inspection still counts as a draw (of "nothing"), keeping weights honest.
      results.forEach((fields, i) => fields && sink(keys[i], fields));
      sampled += count;
      options.onBatch?.();
    }
  } catch (error) {
    // The keys drawn so far stay in the sink: a smaller sample, reported as partial together with the failure.
    return { sampled, complete: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
  return { sampled, complete: true };
}
