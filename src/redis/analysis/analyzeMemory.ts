/**
 * Memory analysis of a live server or Cluster: reads server facts, scans (or samples) every node in parallel
 * into one collector, probes what the recommendations need, and returns the report. Cancellable with an
 * AbortSignal; a cancelled run — or one whose server went away — returns its partial report (complete: false,
 * with the reason) plus per-node cursors and the collector to resume. Where MEMORY USAGE is refused, sizes are
 * estimated and the report says so; where CLIENT NO-TOUCH is missing (< 7.2) a warning goes out before the scan.
 */
import { lruResetWarning, noTouchRefusedWarning } from '../../core/memory/analysisWarnings';
import { serverDisplayName } from '../../core/info/serverIdentity';
import { estimateMemoryBytes } from '../../core/memory/estimateSize';
import { keyNameFields } from '../../core/memory/keyRecordName';
import { DEFAULT_COLLECTOR_OPTIONS, MemoryCollector } from '../../core/memory/memoryCollector';
import { DEFAULT_NAMESPACE_OPTIONS } from '../../core/memory/namespaceTree';
import { evaluateRecommendations } from '../../core/memory/recommendations/evaluate';
import type { NodeFacts, ServerFacts } from '../../core/memory/serverFacts';
import type { KeyRecord, MemoryReport } from '../../core/memory/types';
import { isCluster, type RedisClient } from '../client';
import { openAnalysisNodes, type AnalysisNode } from './analysisNodes';
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from './batchLimits';
import { KeyInspector, type InspectionStrategy } from './keyInspector';
import { probeMemoryAccess, type MemoryAccess } from './memoryAccess';
import { probeIntegerSets, readKeySizes, readNodeFacts, readReplicationOffset } from './readNodeFacts';
import { readSlotSkew } from './readSlotStats';
import { sampleNode } from './sampleNode';
import { scanNode, type KeySink } from './scanNode';

export interface AnalysisProgress {
  inspectedKeys: number;
  /** Sum of DBSIZE over the analysed nodes (the denominator of a full scan). */
  keyspaceSize: number;
  /** Keys the run will inspect in total (keyspaceSize for a full scan, the sample size otherwise). */
  targetKeys: number;
}

export interface AnalyzeOptions {
  mode: 'full' | 'sample';
  /** Total random draws across all nodes in sample mode (split by each node's DBSIZE). */
  sampleSize?: number;
  /** MEMORY USAGE SAMPLES 0: exact sizes, but O(elements) per key — single calls are no longer bounded. */
  exact?: boolean;
  delimiters?: string[];
  /** Cluster: analyse replicas instead of masters (keeps the load off the primaries). */
  useReplicas?: boolean;
  limits?: Partial<BatchLimits>;
  strategy?: InspectionStrategy | 'auto';
  topKeys?: number;
  namespaceDepth?: number;
  signal?: AbortSignal;
  onProgress?: (progress: AnalysisProgress) => void;
  /** Called with Redis 8 INFO KEYSIZES histograms before the scan starts (the instant overview). */
  onOverview?: (histograms: Record<string, Record<string, number>>) => void;
  /** Told before the scan starts about side effects the user should know of (LRU idle times reset before 7.2). */
  onWarning?: (message: string) => void;
  /** Continue a cancelled full scan: the collector and cursors it returned. */
  resume?: { collector: MemoryCollector; cursors: Record<string, string> };
}

export interface AnalysisOutcome {
  report: MemoryReport;
  /** False when cancelled or cut short by a failure: the report covers the keys inspected so far. */
  complete: boolean;
  /** Why the run is partial (the abort reason, or the failure of a node). */
  incompleteReason?: string;
  /** What ended a partial run: the abort signal, a node that stopped answering, or a command a node refused. */
  stoppedBy?: 'cancel' | 'failure' | 'refused';
  /** Per node, the SCAN cursor to resume from ('0' = done, '' = not started). */
  cursors: Record<string, string>;
  collector: MemoryCollector;
  facts: ServerFacts;
  strategy: InspectionStrategy;
  /** True when every node accepted CLIENT NO-TOUCH. */
  noTouch: boolean;
}

function toRecord(key: Buffer, fields: Omit<KeyRecord, 'key'>, estimateSizes: boolean): KeyRecord {
  const record: KeyRecord = { ...keyNameFields(key), ...fields };
  if (estimateSizes || record.memoryBytes < 0) {
    record.memoryBytes = estimateMemoryBytes({ type: record.type, encoding: record.encoding, length: record.length, keyNameBytes: key.length });
  }
  return record;
}

function abortReason(signal: AbortSignal | undefined): string {
  const reason = signal?.reason as unknown;
  if (reason instanceof Error && reason.name !== 'AbortError') return reason.message;
  return typeof reason === 'string' ? reason : 'cancelled';
}

/** A server's error reply (NOPERM, a command renamed mid-run) is not a lost connection, and is worded apart. */
function isRefusal(error: Error): boolean {
  return error.name === 'ReplyError';
}

function failureReason(address: string, error: Error, inspected: number): string {
  const why = isRefusal(error) ? 'the server refused a command' : 'the server stopped answering';
  return `the analysis of ${address} stopped after ${inspected.toLocaleString('en-US')} keys: ${why} (${error.message.slice(0, 200)})`;
}

export async function analyzeMemory(client: RedisClient, options: AnalyzeOptions): Promise<AnalysisOutcome> {
  const started = Date.now();
  const limits: BatchLimits = { ...DEFAULT_BATCH_LIMITS, ...options.limits };
  const nodes = await openAnalysisNodes(client, options.useReplicas);
  try {
    const facts: ServerFacts = { cluster: isCluster(client), nodes: await Promise.all(nodes.map((n) => readNodeFacts(n.inspectConnection, n.address))) };
    const version = facts.nodes[0]?.info.redis_version ?? '0';
    const warnings: string[] = [];
    const touching = nodes.filter((n) => !n.noTouch);
    const refusal = touching.find((n) => n.noTouchRefusal)?.noTouchRefusal;
    const touchingAddresses = nodes.length > 1 ? touching.map((n) => n.address) : [];
    if (touching.length > 0) {
      warnings.push(refusal ? noTouchRefusedWarning(serverDisplayName(facts.nodes[0]?.info ?? {}), touchingAddresses, refusal) : lruResetWarning(version, touchingAddresses));
    }
    for (const warning of warnings) options.onWarning?.(warning);
    const username = isCluster(client) ? client.options.redisOptions?.username : client.options.username;
    const access: MemoryAccess[] = await Promise.all(nodes.map((n) => probeMemoryAccess(n.inspectConnection, username)));
    const refused = access.find((a): a is Extract<MemoryAccess, { readable: false }> => !a.readable);
    const histograms = await readKeySizes(nodes[0].inspectConnection, version);
    if (histograms && Object.keys(histograms).length > 0) options.onOverview?.(histograms);
    const offsets = await Promise.all(nodes.map((n) => readReplicationOffset(n.inspectConnection).catch(() => undefined)));
    const dbsizes = await Promise.all(nodes.map((n) => n.inspectConnection.dbsize()));
    // Before the scan: the per-slot CPU and network counters then describe the application, not this analysis.
    const slotSkew = facts.cluster ? await readSlotSkew(nodes) : undefined;
    const keyspaceSize = dbsizes.reduce((a, b) => a + b, 0);

    const collector = options.resume?.collector ?? new MemoryCollector({
      ...DEFAULT_COLLECTOR_OPTIONS,
      topKeys: options.topKeys ?? DEFAULT_COLLECTOR_OPTIONS.topKeys,
      namespaces: { ...DEFAULT_NAMESPACE_OPTIONS, delimiters: options.delimiters ?? [':'], maxDepth: options.namespaceDepth ?? DEFAULT_NAMESPACE_OPTIONS.maxDepth },
    });
    const sampleSizes = nodes.map((_, i) =>
      options.mode === 'sample' ? Math.max(1, Math.round(((options.sampleSize ?? 10_000) * dbsizes[i]) / Math.max(1, keyspaceSize))) : 0,
    );
    // A node no bigger than its share of the sample is simply scanned: exact, and cheaper than random draws.
    const sampled = nodes.map((_, i) => options.mode === 'sample' && dbsizes[i] > sampleSizes[i]);
    nodes.forEach((n, i) => collector.beginNode(n.address, dbsizes[i], sampled[i] ? 'sample' : 'full'));
    const readFrequency = (facts.nodes[0]?.config['maxmemory-policy'] ?? '').endsWith('-lfu');
    const targetKeys = nodes.reduce((sum, _, i) => sum + (sampled[i] ? sampleSizes[i] : dbsizes[i]), 0);
    let inspected = options.resume ? collector.inspectedKeys() : 0;
    const report = () => options.onProgress?.({ inspectedKeys: inspected, keyspaceSize, targetKeys });

    // Cluster nodes of Redis 7.4+ and Valkey 8 keep one dict per slot and put the slot in SCAN's low cursor bits,
    // which the split into chains reads as a bucket: chains then skipped most keys. One chain per master there
    // (the masters still run in parallel); standalone servers keep the chains.
    const scanLimits: BatchLimits = facts.cluster ? { ...limits, scanChains: 1 } : limits;
    const strategies: InspectionStrategy[] = [];
    const results = await Promise.all(
      nodes.map(async (node, i) => {
        const inspector = new KeyInspector(node.inspectConnection, {
          exact: options.exact ?? false, exactMaxElements: limits.exactMaxElements, exactElementsPerCall: limits.exactElementsPerCall, memoryReadable: access[i].readable, readFrequency, strategy: options.strategy ?? 'auto',
        });
        // Sizes from one node measured and another estimated would not add up: estimate everywhere then.
        const estimateSizes = refused !== undefined;
        const weight = sampled[i] ? dbsizes[i] / sampleSizes[i] : 1;
        const sink: KeySink = (key, fields) => {
          collector.add(toRecord(key, fields, estimateSizes), node.address, weight);
          inspected++;
        };
        strategies.push(await inspector.prepare());
        if (sampled[i]) {
          const outcome = await sampleNode(node, inspector, sink, { size: sampleSizes[i], limits, signal: options.signal, onBatch: report });
          return { cursor: '0', complete: outcome.complete, error: outcome.error };
        }
        const startCursor = options.resume?.cursors[node.address] || undefined;
        if (startCursor === '0') return { cursor: '0', complete: true };
        const outcome = await scanNode(node, inspector, sink, { limits: scanLimits, startCursor, signal: options.signal, onBatch: report });
        return { ...outcome };
      }),
    );
    report();

    const failed = nodes.map((_, i) => results[i].error !== undefined);
    await finishFacts(facts, nodes.filter((_, i) => !failed[i]), collector, offsets.filter((_, i) => !failed[i]), started);
    const built = collector.build();
    const recommendations = evaluateRecommendations({ report: built, keys: collector, facts });
    const complete = results.every((r) => r.complete);
    const failure = results.findIndex((r) => r.error);
    const incompleteReason = complete ? undefined
      : failure >= 0 ? failureReason(nodes[failure].address, results[failure].error!, collector.inspectedKeys())
      : abortReason(options.signal);
    const outcome: AnalysisOutcome = {
      report: {
        ...built, ...(histograms ? { keySizeHistograms: histograms } : {}), recommendations, durationMs: Date.now() - started,
        complete, ...(incompleteReason ? { incompleteReason } : {}),
        ...(refused ? { sizeEstimate: { reason: refused.reason } } : {}),
        ...(warnings.length ? { warnings } : {}),
        ...(slotSkew ? { slotSkew } : {}),
      },
      complete,
      ...(incompleteReason ? { incompleteReason, stoppedBy: failure < 0 ? 'cancel' as const : isRefusal(results[failure].error!) ? 'refused' as const : 'failure' as const } : {}),
      cursors: Object.fromEntries(nodes.map((n, i) => [n.address, results[i].cursor])),
      collector,
      facts,
      strategy: strategies.includes('pipeline') ? 'pipeline' : 'script',
      noTouch: nodes.every((n) => n.noTouch),
    };
    return outcome;
  } finally {
    for (const node of nodes) node.close();
  }
}

/** Facts only known after the keys: the replication write rate over the run, and integer-only big sets. */
async function finishFacts(facts: ServerFacts, nodes: AnalysisNode[], collector: MemoryCollector, offsets: Array<number | undefined>, started: number): Promise<void> {
  const elapsedSeconds = Math.max(0.001, (Date.now() - started) / 1000);
  const setCandidates = collector.columns.get('set');
  const candidates = setCandidates
    ? [...setCandidates.byLength.values(), ...setCandidates.byMemory.values()].filter((k, i, all) => k.encoding === 'hashtable' && all.findIndex((o) => o.key === k.key) === i).slice(0, 10)
    : [];
  await Promise.all(
    nodes.map(async (node, i) => {
      const nodeFacts: NodeFacts = facts.nodes[i];
      const end = await readReplicationOffset(node.inspectConnection).catch(() => undefined);
      if (offsets[i] !== undefined && end !== undefined) nodeFacts.writeRateBytesPerSecond = (end - offsets[i]!) / elapsedSeconds;
      const mine = candidates.filter((k) => nodes.length === 1 || k.node === node.address);
      nodeFacts.integerSets = await probeIntegerSets(node.inspectConnection, mine.map((k) => ({ key: k.key, length: k.length }))).catch(() => []);
    }),
  );
}
