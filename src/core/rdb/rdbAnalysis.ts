/**
 * Memory analysis from an RDB: a parser listener that models each key's MEMORY USAGE and feeds the same
 * MemoryCollector as the live analysis, so the report (namespaces, types, top keys, TTLs, encodings,
 * recommendations) is the live one's shape, plus what only a snapshot gives (expired keys, idle times, LFU).
 */
import { DEFAULT_COLLECTOR_OPTIONS, MemoryCollector, type CollectorOptions } from '../memory/memoryCollector';
import { KeyInput } from '../memory/keyInput';
import { evaluateRecommendations } from '../memory/recommendations/evaluate';
import type { NodeFacts, ServerFacts } from '../memory/serverFacts';
import type { IdleBucketName, MemoryReport, RdbSourceSummary } from '../memory/types';
import * as sizeModel from './sizeModel';
import { serverShapeFromVersion, valkeyShape, type ServerShape, type SizeEstimate } from './sizeModel';
import type { AllocatorQuantum } from './allocator';

// Local bindings for the per-key path (imported names compiled to CommonJS are getters).
const estimateKeyMemoryInto = sizeModel.estimateKeyMemoryInto;
import type { RdbKeyFacts, RdbListener } from './types';

export interface RdbAnalysisOptions {
  source: RdbSourceSummary['source'];
  /** File path or server address; also the node name in the report. */
  origin: string;
  collector?: CollectorOptions;
  /** The moment TTLs are measured from; default: the snapshot's ctime, else now. */
  nowMs?: number;
  /** Snapshots of several nodes feed this report through nodeListener(); the root then reads none itself. */
  manyNodes?: boolean;
  /** The writing server's jemalloc quantum (allocator.ts); give the parser the same. Default 8. */
  allocatorQuantum?: AllocatorQuantum;
}

/** Figures every node of one report adds to. */
interface SharedTotals {
  keysByDatabase: Record<string, number>;
  expiredKeys: number;
  expiredMemoryBytes: number;
  idle: Array<{ bucket: IdleBucketName; keys: number; memoryBytes: number }>;
  idleSeen: boolean;
  /** Keys per LFU counter value (0-255): percentiles without a column of every key. */
  lfu: Float64Array;
  functionLibraries: number;
  moduleTypes: Record<string, number>;
  integerSets: Array<{ key: string; length: number }>;
}

function newTotals(): SharedTotals {
  return {
    keysByDatabase: {}, expiredKeys: 0, expiredMemoryBytes: 0, idle: IDLE_BUCKETS.map(([bucket]) => ({ bucket, keys: 0, memoryBytes: 0 })),
    idleSeen: false, lfu: new Float64Array(256), functionLibraries: 0, moduleTypes: {}, integerSets: [],
  };
}

const IDLE_BUCKETS: Array<[IdleBucketName, number]> = [['<1h', 3600], ['<1d', 86400], ['<1w', 604800], ['<30d', 2592000], ['longer', Infinity]];
const IDLE_LIMITS = IDLE_BUCKETS.map(([, limit]) => limit);
const INTEGER_SET_CANDIDATES = 10;

export class RdbAnalysis implements RdbListener {
  readonly collector: MemoryCollector;
  readonly auxFields: Record<string, string> = {};
  private shape: ServerShape;
  private nowMs: number | undefined;
  private readonly keysByDatabase: Record<string, number>;
  private readonly totals: SharedTotals;
  private started = Date.now();
  /** Keys the file announces (RESIZEDB, expired ones included): the denominator of a partial report. */
  private declaredKeys = 0;
  private readonly nodeListeners: RdbAnalysis[] = [];
  /** Refilled for every key (see KeyInput). */
  private readonly input = new KeyInput();
  /** Refilled for every key, like `input`. */
  private readonly estimate: SizeEstimate = { bytes: 0, encoding: '' };
  private lastDb = -1;
  private lastDbName = '';
  /** Keys of lastDb not yet added to keysByDatabase: a keyed update of the shared record per key cost more than
   *  the rest of the per-database bookkeeping (a database's keys arrive together). */
  private lastDbKeys = 0;

  constructor(private readonly options: RdbAnalysisOptions, shared?: { collector: MemoryCollector; totals: SharedTotals }) {
    this.collector = shared?.collector ?? new MemoryCollector(options.collector ?? DEFAULT_COLLECTOR_OPTIONS);
    this.totals = shared?.totals ?? newTotals();
    this.keysByDatabase = this.totals.keysByDatabase;
    this.nowMs = options.nowMs;
    this.shape = serverShapeFromVersion(undefined, options.allocatorQuantum);
    if (!shared && !options.manyNodes) this.collector.beginNode(options.origin, 0, 'full');
  }

  /** A listener for one more node's snapshot (a Cluster master) feeding the same report. */
  nodeListener(origin: string, allocatorQuantum = this.options.allocatorQuantum): RdbAnalysis {
    const listener = new RdbAnalysis({ ...this.options, origin, allocatorQuantum }, { collector: this.collector, totals: this.totals });
    this.collector.beginNode(origin, 0, 'full');
    this.nodeListeners.push(listener);
    return listener;
  }

  aux(name: string, value: string): void {
    this.auxFields[name] = value;
    if (name === 'redis-ver') this.shape = serverShapeFromVersion(value, this.shape.quantum);
    if (name === 'valkey-ver') this.shape = valkeyShape(this.shape.quantum);
    if (name === 'ctime' && this.options.nowMs === undefined && /^\d+$/.test(value)) this.nowMs = Number(value) * 1000;
  }

  resizeDb(_db: number, keys: number): void {
    this.declaredKeys += keys;
  }

  functionLibrary(): void {
    this.totals.functionLibraries++;
  }

  moduleAux(name: string): void {
    this.totals.moduleTypes[name] ??= 0;
  }

  key(facts: RdbKeyFacts): void {
    const estimate = estimateKeyMemoryInto(facts, this.shape, this.estimate);
    const now = this.nowMs ?? (this.nowMs = Date.now());
    let ttlMs = -1;
    if (facts.expiresAtMs >= 0) {
      ttlMs = facts.expiresAtMs - now;
      if (ttlMs <= 0) {
        this.totals.expiredKeys++;
        this.totals.expiredMemoryBytes += estimate.bytes;
        return;
      }
    }
    if (facts.db !== this.lastDb) this.switchDb(facts.db);
    this.lastDbKeys++;
    if (facts.type === 'module') this.totals.moduleTypes[facts.moduleName] = (this.totals.moduleTypes[facts.moduleName] ?? 0) + 1;
    const input = this.input;
    // Printable ASCII names are shown verbatim: kept as bytes and decoded only if the key enters a report.
    this.collector.nameKey(input, facts.key);
    input.type = facts.type === 'module' ? facts.moduleName : facts.type;
    input.encoding = estimate.encoding;
    input.ttlMs = ttlMs;
    input.memoryBytes = estimate.bytes;
    input.length = facts.length;
    input.lfuFrequency = facts.lfuFrequency;
    if (facts.lfuFrequency >= 0) this.totals.lfu[facts.lfuFrequency]++;
    if (facts.idleSeconds >= 0) {
      this.totals.idleSeen = true;
      let index = 0;
      while (!(facts.idleSeconds < IDLE_LIMITS[index])) index++;
      const bucket = this.totals.idle[index];
      bucket.keys++;
      bucket.memoryBytes += estimate.bytes;
    }
    if (facts.type === 'set' && estimate.encoding === 'hashtable' && facts.integerElements === facts.length) {
      this.totals.integerSets.push({ key: input.key, length: facts.length });
      this.totals.integerSets.sort((a, b) => b.length - a.length);
      if (this.totals.integerSets.length > INTEGER_SET_CANDIDATES) this.totals.integerSets.pop();
    }
    this.collector.addKey(input, this.options.origin);
  }

  private switchDb(db: number): void {
    this.flushDbKeys();
    this.lastDb = db;
    this.lastDbName = String(db);
    this.keysByDatabase[this.lastDbName] ??= 0;
  }

  private flushDbKeys(): void {
    if (this.lastDbKeys > 0) this.keysByDatabase[this.lastDbName] += this.lastDbKeys;
    this.lastDbKeys = 0;
  }

  /** The report of everything parsed so far; `complete: false` with the reason when the parse did not reach the end. */
  report(progress: { bytes: number; rdbVersion: number; complete: boolean; incompleteReason?: string }): MemoryReport {
    const built = this.collector.build();
    // A complete snapshot's key count is what it held (live keys); a partial one is measured against what the file announced.
    const t = this.totals;
    const nodes = this.nodeListeners.length ? this.nodeListeners : [this];
    for (const node of [this, ...this.nodeListeners]) node.flushDbKeys();
    const declared = nodes.reduce((sum, n) => sum + n.declaredKeys, 0);
    const keyspace = progress.complete ? built.totalKeys : Math.max(built.totalKeys, declared - t.expiredKeys);
    for (const node of built.nodes) node.dbsize = progress.complete ? node.keys : Math.max(node.keys, nodes.find((n) => n.options.origin === node.node)?.declaredKeys ?? 0);
    built.sampling.keyspaceSize = keyspace;
    const facts: ServerFacts = {
      cluster: nodes.length > 1,
      nodes: nodes.map((n, i): NodeFacts => ({
        node: n.options.origin,
        info: {
          ...(n.auxFields['redis-ver'] ? { redis_version: n.auxFields['redis-ver'] } : {}),
          ...(n.auxFields['used-mem'] ? { used_memory: n.auxFields['used-mem'] } : {}),
        },
        config: {},
        ...(i === 0 ? { integerSets: t.integerSets } : {}),
      })),
    };
    const first = nodes[0];
    const recommendations = evaluateRecommendations({ report: built, keys: this.collector, facts });
    const ctime = Number(first.auxFields.ctime);
    const lfuKeys = t.lfu.reduce((sum, n) => sum + n, 0);
    const [p50, p90, p99, max] = nearestRanks(t.lfu, [50, 90, 99, 100]);
    const rdb: RdbSourceSummary = {
      source: this.options.source,
      origin: this.options.origin,
      bytes: progress.bytes,
      rdbVersion: progress.rdbVersion,
      ...(first.auxFields['redis-ver'] ? { redisVersion: first.auxFields['redis-ver'] } : {}),
      ...(first.auxFields['valkey-ver'] ? { valkeyVersion: first.auxFields['valkey-ver'] } : {}),
      ...(Number.isFinite(ctime) && ctime > 0 ? { snapshotTime: new Date(ctime * 1000).toISOString() } : {}),
      keysByDatabase: t.keysByDatabase,
      expiredKeys: t.expiredKeys,
      expiredMemoryBytes: t.expiredMemoryBytes,
      ...(t.idleSeen ? { idle: t.idle } : {}),
      ...(lfuKeys ? { lfu: { p50, p90, p99, max } } : {}),
      functionLibraries: t.functionLibraries,
      moduleTypes: t.moduleTypes,
      sizeModel: `MEMORY USAGE modelled from each key's encoding for ${first.shape.flavor === 'valkey' ? `Valkey ${first.auxFields['valkey-ver'] ?? ''}`.trim() : `Redis ${first.shape.version.join('.')}`} (jemalloc size classes, ${first.shape.quantum}-byte quantum)`,
    };
    return {
      ...built,
      recommendations,
      durationMs: Date.now() - this.started,
      complete: progress.complete,
      ...(progress.complete ? {} : { incompleteReason: progress.incompleteReason ?? 'the RDB was not read to its end' }),
      rdb,
    };
  }

  /** Restart the clock the report's duration is measured from. */
  startClock(): void {
    this.started = Date.now();
  }
}

/** Nearest-rank percentiles of the values 0..counts.length-1 held counts[value] times (as over a sorted column of them). */
function nearestRanks(counts: Float64Array, ps: number[]): number[] {
  const n = counts.reduce((sum, c) => sum + c, 0);
  return ps.map((p) => {
    if (n === 0) return 0;
    const rank = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
    let seen = 0;
    for (let value = 0; value < counts.length; value++) {
      seen += counts[value];
      if (seen > rank) return value;
    }
    return counts.length - 1;
  });
}
