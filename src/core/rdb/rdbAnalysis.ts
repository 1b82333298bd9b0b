/**
 * Memory analysis from an RDB: a parser listener that models each key's MEMORY USAGE and feeds the same
 * MemoryCollector as the live analysis, so the report (namespaces, types, top keys, TTLs, encodings,
 * recommendations) is the live one's shape, plus what only a snapshot gives (expired keys, idle times, LFU).
 */
import { DEFAULT_COLLECTOR_OPTIONS, MemoryCollector, type CollectorOptions } from '../memory/memoryCollector';
import { keyNameFields } from '../memory/keyRecordName';
import { weightedPercentiles, NumberColumn } from '../memory/percentiles';
import { evaluateRecommendations } from '../memory/recommendations/evaluate';
import type { NodeFacts, ServerFacts } from '../memory/serverFacts';
import type { IdleBucketName, KeyRecord, MemoryReport, RdbSourceSummary } from '../memory/types';
import { estimateKeyMemory, serverShapeFromVersion, type ServerShape } from './sizeModel';
import type { RdbKeyFacts, RdbListener } from './types';

export interface RdbAnalysisOptions {
  source: RdbSourceSummary['source'];
  /** File path or server address; also the node name in the report. */
  origin: string;
  collector?: CollectorOptions;
  /** The moment TTLs are measured from; default: the snapshot's ctime, else now. */
  nowMs?: number;
}

const IDLE_BUCKETS: Array<[IdleBucketName, number]> = [['<1h', 3600], ['<1d', 86400], ['<1w', 604800], ['<30d', 2592000], ['longer', Infinity]];
const INTEGER_SET_CANDIDATES = 10;

export class RdbAnalysis implements RdbListener {
  readonly collector: MemoryCollector;
  readonly auxFields: Record<string, string> = {};
  private shape: ServerShape = serverShapeFromVersion(undefined);
  private nowMs: number | undefined;
  private readonly keysByDatabase: Record<string, number> = {};
  private expiredKeys = 0;
  private expiredMemoryBytes = 0;
  private readonly idle = IDLE_BUCKETS.map(([bucket]) => ({ bucket, keys: 0, memoryBytes: 0 }));
  private idleSeen = false;
  private readonly lfu = new NumberColumn();
  private functionLibraries = 0;
  private readonly moduleTypes: Record<string, number> = {};
  private readonly integerSets: Array<{ key: string; length: number }> = [];
  private started = Date.now();
  /** Keys the file announces (RESIZEDB, expired ones included): the denominator of a partial report. */
  private declaredKeys = 0;

  constructor(private readonly options: RdbAnalysisOptions) {
    this.collector = new MemoryCollector(options.collector ?? DEFAULT_COLLECTOR_OPTIONS);
    this.nowMs = options.nowMs;
    this.collector.beginNode(options.origin, 0, 'full');
  }

  aux(name: string, value: string): void {
    this.auxFields[name] = value;
    if (name === 'redis-ver') this.shape = serverShapeFromVersion(value);
    if (name === 'ctime' && this.options.nowMs === undefined && /^\d+$/.test(value)) this.nowMs = Number(value) * 1000;
  }

  resizeDb(_db: number, keys: number): void {
    this.declaredKeys += keys;
  }

  functionLibrary(): void {
    this.functionLibraries++;
  }

  moduleAux(name: string): void {
    this.moduleTypes[name] ??= 0;
  }

  key(facts: RdbKeyFacts): void {
    const estimate = estimateKeyMemory(facts, this.shape);
    const now = this.nowMs ?? (this.nowMs = Date.now());
    let ttlMs = -1;
    if (facts.expiresAtMs >= 0) {
      ttlMs = facts.expiresAtMs - now;
      if (ttlMs <= 0) {
        this.expiredKeys++;
        this.expiredMemoryBytes += estimate.bytes;
        return;
      }
    }
    const db = String(facts.db);
    this.keysByDatabase[db] = (this.keysByDatabase[db] ?? 0) + 1;
    if (facts.type === 'module') this.moduleTypes[facts.moduleName] = (this.moduleTypes[facts.moduleName] ?? 0) + 1;
    const record: KeyRecord = {
      ...keyNameFields(facts.key),
      type: facts.type === 'module' ? facts.moduleName : facts.type,
      encoding: estimate.encoding,
      ttlMs,
      memoryBytes: estimate.bytes,
      length: facts.length,
    };
    if (facts.lfuFrequency >= 0) {
      record.lfuFrequency = facts.lfuFrequency;
      this.lfu.push(facts.lfuFrequency);
    }
    if (facts.idleSeconds >= 0) {
      this.idleSeen = true;
      const bucket = this.idle[IDLE_BUCKETS.findIndex(([, limit]) => facts.idleSeconds < limit)];
      bucket.keys++;
      bucket.memoryBytes += estimate.bytes;
    }
    if (facts.type === 'set' && estimate.encoding === 'hashtable' && facts.integerElements === facts.length) {
      this.integerSets.push({ key: record.key, length: facts.length });
      this.integerSets.sort((a, b) => b.length - a.length);
      if (this.integerSets.length > INTEGER_SET_CANDIDATES) this.integerSets.pop();
    }
    this.collector.add(record, this.options.origin);
  }

  /** The report of everything parsed so far; `complete: false` with the reason when the parse did not reach the end. */
  report(progress: { bytes: number; rdbVersion: number; complete: boolean; incompleteReason?: string }): MemoryReport {
    const built = this.collector.build();
    // A complete snapshot's key count is what it held (live keys); a partial one is measured against what the file announced.
    const keyspace = progress.complete ? built.totalKeys : Math.max(built.totalKeys, this.declaredKeys - this.expiredKeys);
    for (const node of built.nodes) node.dbsize = keyspace;
    built.sampling.keyspaceSize = keyspace;
    const node: NodeFacts = {
      node: this.options.origin,
      info: {
        ...(this.auxFields['redis-ver'] ? { redis_version: this.auxFields['redis-ver'] } : {}),
        ...(this.auxFields['used-mem'] ? { used_memory: this.auxFields['used-mem'] } : {}),
      },
      config: {},
      integerSets: this.integerSets,
    };
    const facts: ServerFacts = { cluster: false, nodes: [node] };
    const recommendations = evaluateRecommendations({ report: built, keys: this.collector, facts });
    const ctime = Number(this.auxFields.ctime);
    const lfuValues = this.lfu.view();
    const [p50, p90, p99, max] = lfuValues.length ? weightedPercentiles(lfuValues, new Float64Array(lfuValues.length).fill(1), [50, 90, 99, 100]) : [0, 0, 0, 0];
    const rdb: RdbSourceSummary = {
      source: this.options.source,
      origin: this.options.origin,
      bytes: progress.bytes,
      rdbVersion: progress.rdbVersion,
      ...(this.auxFields['redis-ver'] ? { redisVersion: this.auxFields['redis-ver'] } : {}),
      ...(Number.isFinite(ctime) && ctime > 0 ? { snapshotTime: new Date(ctime * 1000).toISOString() } : {}),
      keysByDatabase: this.keysByDatabase,
      expiredKeys: this.expiredKeys,
      expiredMemoryBytes: this.expiredMemoryBytes,
      ...(this.idleSeen ? { idle: this.idle } : {}),
      ...(lfuValues.length ? { lfu: { p50, p90, p99, max } } : {}),
      functionLibraries: this.functionLibraries,
      moduleTypes: this.moduleTypes,
      sizeModel: `MEMORY USAGE modelled from each key's encoding for Redis ${this.shape.version.join('.')} (jemalloc size classes)`,
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
