/**
 * Streams inspected keys into every aggregate of the report (types, percentiles, namespaces, TTL buckets,
 * encodings, top keys, per-node totals, sampling error) and keeps compact per-type columns for the
 * recommendation checks. Each key carries a weight: 1 in a full scan, DBSIZE/sample-size when sampled.
 */
import { DEFAULT_NAMESPACE_OPTIONS, NamespaceTreeBuilder, type NamespaceNodeSnapshot, type NamespaceTreeOptions } from './namespaceTree';
import { EncodingCounts } from './encodingCounts';
import { KeyFactsTable } from './keyFactsTable';
import { KeyInput } from './keyInput';
import { keyNameFields } from './keyRecordName';
import { marginFromVariance, SampleMoments } from './samplingError';
import { TopList } from './topKeys';
import { TtlBucketCounter } from './ttlBuckets';
import type { KeyRecord, KeySummary, MemoryReport, NodeSummary, SamplingSummary, TtlBucketName, TypeSummary } from './types';
import { keepStringPrototypeFast } from '../text/stringPrototypeShape';

type Moments = { count: number; sum: number; sumOfSquares: number };
type Ranked<T> = Array<{ score: number; item: T }>;

/** Everything a collector has gathered, as JSON-safe data: an interrupted CLI run saves it and `--resume` continues. */
export interface CollectorSnapshot {
  version: 1;
  options: CollectorOptions;
  mode: 'full' | 'sample';
  keyNameBytes: number;
  inspected: number;
  /** Distinct (memory, length, TTL) rows with their key counts and summed weights (`count` absent: one key per row,
   *  as snapshots before the rows were folded saved them); `uniform`: every key had the same weight. */
  columns: Array<[string, { memory: number[]; length: number[]; ttl: number[]; weight: number[]; count?: number[]; uniform?: boolean; byMemory: Ranked<KeySummary>; byLength: Ranked<KeySummary> }]>;
  encodings: Record<string, Record<string, number>>;
  hotKeys: Ranked<KeySummary & { lfuFrequency: number }>;
  tree: NamespaceNodeSnapshot;
  ttl: Array<[TtlBucketName, number, number]>;
  topByMemory: Ranked<KeySummary>;
  topByLength: Ranked<KeySummary>;
  nodes: Array<[string, { dbsize: number; sampled: boolean; inspected: number; weightedKeys: number; weightedMemory: number; memory: Moments; typeCount: Array<[string, Moments]>; typeMemory: Array<[string, Moments]> }]>;
}

export interface CollectorOptions {
  namespaces: NamespaceTreeOptions;
  topKeys: number;
  /** Confidence level of stated sampling margins. */
  confidence: number;
}

export const DEFAULT_COLLECTOR_OPTIONS: CollectorOptions = { namespaces: DEFAULT_NAMESPACE_OPTIONS, topKeys: 20, confidence: 0.999 };

/** Per-type facts: distinct (memory, length, TTL) rows (not one per key, see KeyFactsTable) and top lists. */
export interface TypeColumns {
  facts: KeyFactsTable;
  byMemory: TopList<KeySummary>;
  byLength: TopList<KeySummary>;
}

interface NodeState {
  dbsize: number;
  /** Drawn at random (weights > 1); fully scanned nodes add no sampling error. */
  sampled: boolean;
  /** Keys this node contributed (inspected). */
  inspected: number;
  weightedKeys: number;
  weightedMemory: number;
  memory: SampleMoments;
  typeCount: Map<string, SampleMoments>;
  typeMemory: Map<string, SampleMoments>;
  /** What a key of each type adds to, found with one lookup per key. */
  slots: Map<string, TypeSlot>;
}

interface TypeSlot {
  count: SampleMoments;
  memory: SampleMoments;
  columns: TypeColumns;
  encodings: EncodingCounts;
}

export class MemoryCollector {
  readonly columns = new Map<string, TypeColumns>();
  /** Keys per encoding per type (the runs of EncodingCounts are added when build() or snapshot() reads them). */
  readonly encodings: Record<string, Record<string, number>> = {};
  private readonly encodingCounts = new Map<string, EncodingCounts>();
  readonly hotKeys: TopList<KeySummary & { lfuFrequency: number }>;
  private readonly tree: NamespaceTreeBuilder;
  private readonly ttl = new TtlBucketCounter();
  private readonly topByMemory: TopList<KeySummary>;
  private readonly topByLength: TopList<KeySummary>;
  private readonly nodes = new Map<string, NodeState>();
  private mode: 'full' | 'sample' = 'full';
  private keyNameBytes = 0;
  private inspected = 0;
  private readonly recordInput = new KeyInput();
  /** The node of the previous key (keys of one node arrive together). */
  private lastNode = '';
  private lastState: NodeState | undefined;

  constructor(private readonly options: CollectorOptions = DEFAULT_COLLECTOR_OPTIONS) {
    this.tree = new NamespaceTreeBuilder(options.namespaces);
    this.topByMemory = new TopList(options.topKeys);
    this.topByLength = new TopList(options.topKeys);
    this.hotKeys = new TopList(options.topKeys);
    keepStringPrototypeFast();
  }

  /** Announce a node before its keys arrive; `dbsize` is its key count at the start. */
  beginNode(node: string, dbsize: number, mode: 'full' | 'sample'): void {
    this.mode = mode === 'sample' ? 'sample' : this.mode;
    if (!this.nodes.has(node)) {
      this.nodes.set(node, {
        dbsize, sampled: mode === 'sample', inspected: 0, weightedKeys: 0, weightedMemory: 0, memory: new SampleMoments(), typeCount: new Map(), typeMemory: new Map(), slots: new Map(),
      });
    }
  }

  add(record: KeyRecord, node: string, weight = 1): void {
    const input = this.recordInput.setName(record.key, record.keyBase64);
    input.type = record.type;
    input.encoding = record.encoding;
    input.ttlMs = record.ttlMs;
    input.memoryBytes = record.memoryBytes;
    input.length = record.length;
    input.lfuFrequency = record.lfuFrequency ?? -1;
    this.addKey(input, node, weight);
  }

  /**
   * Name `input` by a key's raw bytes: a plain name (printable ASCII, shown verbatim) stays bytes, found out in the
   * pass that cuts it into namespaces for the addKey that follows; any other gets its displayed name (and base64).
   */
  nameKey(input: KeyInput, bytes: Uint8Array): void {
    if (this.tree.cutPlainName(bytes)) {
      input.setPlainName(bytes);
      input.cutBy = this.tree;
    } else {
      const name = keyNameFields(bytes);
      input.setName(name.key, name.keyBase64);
    }
  }

  /**
   * Add the key `input` describes (refilled by the caller for every key). Nothing is allocated for a key that
   * enters no top list: its summary (and, for a plain name, its name string) is made when one admits it.
   */
  addKey(input: KeyInput, node: string, weight = 1): void {
    let state = this.lastState;
    if (state === undefined || node !== this.lastNode) {
      state = this.nodes.get(node) ?? (this.beginNode(node, 0, 'full'), this.nodes.get(node)!);
      this.lastNode = node;
      this.lastState = state;
    }
    const memoryBytes = input.memoryBytes;
    const length = input.length;
    state.inspected++;
    state.weightedKeys += weight;
    state.weightedMemory += weight * memoryBytes;
    state.memory.add(memoryBytes);
    const slot = state.slots.get(input.type) ?? this.slotOf(state, input.type);
    slot.count.add(1);
    slot.memory.add(memoryBytes);
    this.inspected++;
    this.keyNameBytes += input.keyLength * weight;

    const columns = slot.columns;
    columns.facts.add(memoryBytes, length, input.ttlMs, weight);
    // One summary per key at most, made by the first list that admits it and shared by every other.
    input.summaryNode = this.nodes.size > 1 ? node : undefined;
    if (columns.byMemory.admits(memoryBytes, input)) columns.byMemory.offer(memoryBytes, input.summary());
    if (columns.byLength.admits(length, input)) columns.byLength.offer(length, input.summary());
    if (this.topByMemory.admits(memoryBytes, input)) this.topByMemory.offer(memoryBytes, input.summary());
    if (this.topByLength.admits(length, input)) this.topByLength.offer(length, input.summary());
    const lfuFrequency = input.lfuFrequency;
    if (lfuFrequency >= 0 && this.hotKeys.admits(lfuFrequency, input)) {
      this.hotKeys.offer(lfuFrequency, { ...input.summary(), lfuFrequency });
    }

    slot.encodings.add(input.encoding, weight);
    this.ttl.add(input.ttlMs, memoryBytes, weight);
    this.tree.addKey(input, weight);
  }

  /** The per-type figures of `state` for `type`, created with the key that first has it. */
  private slotOf(state: NodeState, type: string): TypeSlot {
    const slot: TypeSlot = {
      count: moments(state.typeCount, type), memory: moments(state.typeMemory, type), columns: this.columnsOf(type), encodings: this.encodingCountsOf(type),
    };
    state.slots.set(type, slot);
    return slot;
  }

  inspectedKeys(): number {
    return this.inspected;
  }

  snapshot(): CollectorSnapshot {
    const moments = (m: SampleMoments): Moments => ({ count: m.count, sum: m.sum, sumOfSquares: m.sumOfSquares });
    return {
      version: 1,
      options: this.options,
      mode: this.mode,
      keyNameBytes: this.keyNameBytes,
      inspected: this.inspected,
      columns: [...this.columns.entries()].map(([type, c]) => [type, {
        memory: [...c.facts.memory], length: [...c.facts.length], ttl: [...c.facts.ttl], weight: [...c.facts.weight], count: [...c.facts.count],
        uniform: c.facts.uniform, byMemory: c.byMemory.entries(), byLength: c.byLength.entries(),
      }]),
      encodings: (this.endEncodingRuns(), structuredClone(this.encodings)),
      hotKeys: this.hotKeys.entries(),
      tree: this.tree.snapshot(),
      ttl: this.ttl.snapshot(),
      topByMemory: this.topByMemory.entries(),
      topByLength: this.topByLength.entries(),
      nodes: [...this.nodes.entries()].map(([node, state]) => [node, {
        dbsize: state.dbsize, sampled: state.sampled, inspected: state.inspected, weightedKeys: state.weightedKeys, weightedMemory: state.weightedMemory,
        memory: moments(state.memory),
        typeCount: [...state.typeCount.entries()].map(([t, m]) => [t, moments(m)]),
        typeMemory: [...state.typeMemory.entries()].map(([t, m]) => [t, moments(m)]),
      }]),
    };
  }

  /** A collector that continues where snapshot() left off. */
  static restore(snapshot: CollectorSnapshot): MemoryCollector {
    if (snapshot?.version !== 1) throw new Error('Unsupported analysis snapshot (version mismatch).');
    const collector = new MemoryCollector(snapshot.options);
    collector.mode = snapshot.mode;
    collector.keyNameBytes = snapshot.keyNameBytes;
    collector.inspected = snapshot.inspected;
    for (const [type, c] of snapshot.columns) {
      const columns = collector.columnsOf(type);
      for (let i = 0; i < c.memory.length; i++) {
        if (c.count) columns.facts.addRow(c.memory[i], c.length[i], c.ttl[i], c.count[i], c.weight[i], c.uniform ?? true);
        else columns.facts.add(c.memory[i], c.length[i], c.ttl[i], c.weight[i]);
      }
      columns.byMemory.restore(c.byMemory);
      columns.byLength.restore(c.byLength);
    }
    Object.assign(collector.encodings, structuredClone(snapshot.encodings));
    collector.hotKeys.restore(snapshot.hotKeys);
    collector.tree.restore(snapshot.tree);
    collector.ttl.restore(snapshot.ttl);
    collector.topByMemory.restore(snapshot.topByMemory);
    collector.topByLength.restore(snapshot.topByLength);
    for (const [node, state] of snapshot.nodes) {
      collector.nodes.set(node, {
        dbsize: state.dbsize, sampled: state.sampled, inspected: state.inspected, weightedKeys: state.weightedKeys, weightedMemory: state.weightedMemory,
        memory: SampleMoments.from(state.memory),
        typeCount: new Map(state.typeCount.map(([t, m]) => [t, SampleMoments.from(m)])),
        typeMemory: new Map(state.typeMemory.map(([t, m]) => [t, SampleMoments.from(m)])),
        slots: new Map(),
      });
    }
    return collector;
  }

  /** Average key-name length in bytes (UTF-16 units for non-ASCII names). */
  averageKeyNameLength(): number {
    const keys = [...this.nodes.values()].reduce((sum, n) => sum + n.weightedKeys, 0);
    return keys > 0 ? this.keyNameBytes / keys : 0;
  }

  /** Everything but recommendations and timing. */
  build(): Omit<MemoryReport, 'recommendations' | 'durationMs'> {
    const byType: Record<string, TypeSummary> = {};
    for (const [type, columns] of [...this.columns.entries()].sort()) {
      const [p50, p90, p99, max] = columns.facts.percentiles('memory', [50, 90, 99, 100]);
      const [lengthP50, lengthP99, lengthMax] = columns.facts.percentiles('length', [50, 99, 100]);
      const { keys, memoryBytes } = columns.facts.totals();
      byType[type] = { keys: Math.round(keys), memoryBytes: Math.round(memoryBytes), p50, p90, p99, max, lengthP50, lengthP99, lengthMax };
    }
    const encodings: Record<string, Record<string, number>> = {};
    this.endEncodingRuns();
    for (const [type, counts] of Object.entries(this.encodings)) {
      encodings[type] = Object.fromEntries(Object.entries(counts).map(([encoding, n]) => [encoding, Math.round(n)]));
    }
    const nodes: NodeSummary[] = [...this.nodes.entries()].map(([node, state]) => ({
      node, keys: Math.round(state.weightedKeys), memoryBytes: Math.round(state.weightedMemory), dbsize: state.dbsize,
    }));
    return {
      totalKeys: Object.values(byType).reduce((sum, t) => sum + t.keys, 0),
      totalMemoryBytes: Object.values(byType).reduce((sum, t) => sum + t.memoryBytes, 0),
      byType,
      namespaces: this.tree.build(),
      topKeysByMemory: this.topByMemory.values(),
      topKeysByLength: this.topByLength.values(),
      ttlBuckets: this.ttl.build(),
      encodings,
      nodes,
      sampling: this.sampling(Object.keys(byType)),
    };
  }

  private sampling(types: string[]): SamplingSummary {
    const states = [...this.nodes.values()];
    const keyspaceSize = states.reduce((sum, s) => sum + s.dbsize, 0);
    const confidence = this.options.confidence;
    if (this.mode === 'full') {
      return {
        mode: 'full', inspectedKeys: this.inspected, keyspaceSize, confidence, totalMemoryMarginBytes: 0,
        byTypeMargin: Object.fromEntries(types.map((t) => [t, { keys: 0, memoryBytes: 0 }])),
      };
    }
    const variance = (pick: (s: NodeState) => SampleMoments | undefined) =>
      states.reduce((sum, s) => sum + (s.sampled ? (pick(s)?.totalVariance(s.dbsize, s.inspected) ?? 0) : 0), 0);
    return {
      mode: 'sample',
      inspectedKeys: this.inspected,
      keyspaceSize,
      confidence,
      totalMemoryMarginBytes: Math.round(marginFromVariance(variance((s) => s.memory), confidence)),
      byTypeMargin: Object.fromEntries(
        types.map((t) => [t, {
          keys: Math.round(marginFromVariance(variance((s) => s.typeCount.get(t)), confidence)),
          memoryBytes: Math.round(marginFromVariance(variance((s) => s.typeMemory.get(t)), confidence)),
        }]),
      ),
    };
  }

  /** The encoding counter of `type`, shared by every node's keys of it (runs span nodes in arrival order). */
  private encodingCountsOf(type: string): EncodingCounts {
    let counts = this.encodingCounts.get(type);
    if (!counts) this.encodingCounts.set(type, (counts = new EncodingCounts((this.encodings[type] ??= {}))));
    return counts;
  }

  private endEncodingRuns(): void {
    for (const counts of this.encodingCounts.values()) counts.endRun();
  }

  private columnsOf(type: string): TypeColumns {
    let columns = this.columns.get(type);
    if (!columns) {
      columns = {
        facts: new KeyFactsTable(),
        byMemory: new TopList(this.options.topKeys), byLength: new TopList(this.options.topKeys),
      };
      this.columns.set(type, columns);
    }
    return columns;
  }
}

function moments(map: Map<string, SampleMoments>, type: string): SampleMoments {
  let value = map.get(type);
  if (!value) map.set(type, (value = new SampleMoments()));
  return value;
}
