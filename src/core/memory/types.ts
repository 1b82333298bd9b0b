/** The data shapes of memory analysis: one inspected key in, one report out (plain data, JSON-safe). */
import type { SlotSkewSummary } from './slotStats';

/** What the server told us about one key. */
export interface KeyRecord {
  /** The name as displayKey shows it: valid UTF-8 as is, control characters and other bytes as escapes. */
  key: string;
  /** The exact name bytes in base64, present only when `key` is not the name verbatim (escapes were needed). */
  keyBase64?: string;
  /** TYPE reply: string, list, set, zset, hash, stream, or a module type name. */
  type: string;
  /** OBJECT ENCODING reply: embstr, int, raw, listpack, quicklist, hashtable, intset, skiplist, stream ... */
  encoding: string;
  /** PTTL in milliseconds; -1 when the key has no expiry. */
  ttlMs: number;
  /** MEMORY USAGE in bytes (server default sampling unless exact mode was requested), or an estimate (see MemoryReport.sizeEstimate). */
  memoryBytes: number;
  /** Bytes for strings (STRLEN), elements for collections (LLEN/SCARD/ZCARD/HLEN/XLEN); 0 for module types. */
  length: number;
  /** OBJECT FREQ (LFU counter, 0-255); only read when the server runs an LFU eviction policy. */
  lfuFrequency?: number;
}

/** Size distribution of one type (bytes). */
export interface TypeSummary {
  keys: number;
  memoryBytes: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Length (elements, or bytes for strings) percentiles of the same keys. */
  lengthP50: number;
  lengthP99: number;
  lengthMax: number;
}

export interface KeySummary {
  key: string;
  /** Exact name bytes (base64) when `key` is not the name verbatim. */
  keyBase64?: string;
  type: string;
  encoding: string;
  memoryBytes: number;
  length: number;
  ttlMs: number;
  /** Node address in a Cluster ("127.0.0.1:7000"); absent on standalone servers. */
  node?: string;
}

/** One node of the namespace tree: keys whose normalized name starts with `pattern` (minus the trailing '*'). */
export interface NamespaceNode {
  /** Glob of the keys in this namespace: "session:*", "user:*:profile". */
  pattern: string;
  /** Depth in the tree, 1 for top-level namespaces. */
  depth: number;
  keys: number;
  memoryBytes: number;
  averageBytes: number;
  keysWithTtl: number;
  memoryWithTtl: number;
  /** keysWithTtl / keys, 0..1. */
  ttlShare: number;
  /** Keys per type inside the namespace. */
  types: Record<string, number>;
  topKeys: KeySummary[];
  children: NamespaceNode[];
}

export type TtlBucketName = 'none' | '<1h' | '<1d' | '<1w' | 'longer';

export interface TtlBucket {
  bucket: TtlBucketName;
  keys: number;
  memoryBytes: number;
}

/** Keys per encoding, per type: { hash: { listpack: 10, hashtable: 2 } }. */
export type EncodingsByType = Record<string, Record<string, number>>;

/** Keys and memory per Cluster master (or the single standalone node). */
export interface NodeSummary {
  node: string;
  keys: number;
  memoryBytes: number;
  /** Keys the node holds according to DBSIZE (differs from `keys` when sampling). */
  dbsize: number;
}

/** How the numbers were obtained, and how far a sampled estimate may be off. */
export interface SamplingSummary {
  mode: 'full' | 'sample';
  /** Keys actually inspected. */
  inspectedKeys: number;
  /** Keys on the server(s) at the start (sum of DBSIZE). */
  keyspaceSize: number;
  /** Confidence level of the margins below (0.999 = 99.9 %). */
  confidence: number;
  /** Half-width of the confidence interval of totalMemoryBytes, in bytes (0 for a full scan). */
  totalMemoryMarginBytes: number;
  /** Half-width of the interval of each type's key count and memory. */
  byTypeMargin: Record<string, { keys: number; memoryBytes: number }>;
}

export interface RecommendationResult {
  id: string;
  severity: 'error' | 'warning' | 'info';
  title: string;
  evidence: string;
  action: string;
  /** Example keys or namespaces the evidence refers to. */
  examples?: string[];
  /** The namespaces (patterns) the recommendation is about, when it is about namespaces. */
  namespaces?: string[];
  /** The code that writes those namespaces or example keys (set once the report is linked to a workspace). */
  writtenAt?: RecommendationWriteSite[];
}

/** A write site a recommendation points at, with the namespace or key it writes. */
export interface RecommendationWriteSite extends LinkedWriteSite {
  /** The namespace pattern or example key of the recommendation this site writes. */
  writes: string;
}

/** A namespace joined with the code that writes its keys. */
export interface NamespaceLink {
  pattern: string;
  keys: number;
  memoryBytes: number;
  ttlShare: number;
  sites: LinkedWriteSite[];
}

export interface LinkedWriteSite {
  file: string;
  /** One-based line, as people cite code. */
  line: number;
  column: number;
  command: string;
  keyPattern: string;
  setsTtl: boolean;
}

/** The whole analysis result; the JSON output of `redis-review analyze` is this object. */
export interface MemoryReport {
  totalKeys: number;
  totalMemoryBytes: number;
  byType: Record<string, TypeSummary>;
  namespaces: NamespaceNode[];
  topKeysByMemory: KeySummary[];
  topKeysByLength: KeySummary[];
  ttlBuckets: TtlBucket[];
  encodings: EncodingsByType;
  nodes: NodeSummary[];
  sampling: SamplingSummary;
  recommendations: RecommendationResult[];
  codeLinks?: NamespaceLink[];
  /** Redis 8 INFO KEYSIZES histograms, when the server offers them (the instant overview). */
  keySizeHistograms?: Record<string, Record<string, number>>;
  durationMs: number;
  /** False when the run stopped early (cancelled, interrupted, connection lost): figures cover the keys inspected so far. Absent = complete. */
  complete?: boolean;
  /** Why the report is partial, in one sentence. */
  incompleteReason?: string;
  /** Present when MEMORY USAGE could not be run: every size is an estimate from type, encoding and length. */
  sizeEstimate?: { reason: string };
  /** What the reader should know about how the run affected or read the server (e.g. LRU idle times reset). */
  warnings?: string[];
  /** Cluster on a server with CLUSTER SLOT-STATS (Valkey 8+): keys (and CPU/network when tracked) per slot. */
  slotSkew?: SlotSkewSummary;
  /** Present when the report was read from an RDB snapshot (a file, or a replication transfer) instead of key by key. */
  rdb?: RdbSourceSummary;
}

/** Idle-time (LRU) bucket of keys read from an RDB. */
export type IdleBucketName = '<1h' | '<1d' | '<1w' | '<30d' | 'longer';

/** What only an RDB snapshot tells: where it came from, keys already expired, idle times, LFU counters. */
export interface RdbSourceSummary {
  /** "file" (a backup read from disk) or "replication" (a snapshot streamed from the server). */
  source: 'file' | 'replication';
  /** The file path or the server address. */
  origin: string;
  /** Bytes of RDB parsed. */
  bytes: number;
  rdbVersion: number;
  /** redis-ver AUX field of the server that wrote the snapshot. */
  redisVersion?: string;
  /** valkey-ver AUX field, when Valkey wrote it (Valkey 8 writes no redis-ver). */
  valkeyVersion?: string;
  /** When the snapshot was taken (ISO 8601, from the ctime AUX field); TTLs are measured from this moment. */
  snapshotTime?: string;
  /** Keys per database number. */
  keysByDatabase: Record<string, number>;
  /** Keys whose expiry had passed at the snapshot time (Redis had not reclaimed them yet); not in the totals. */
  expiredKeys: number;
  expiredMemoryBytes: number;
  /** Keys per LRU idle-time bucket (present when the server ran an LRU policy or none: the file has IDLE opcodes). */
  idle?: Array<{ bucket: IdleBucketName; keys: number; memoryBytes: number }>;
  /** LFU counters (present when the server ran an LFU policy): percentiles over all keys. */
  lfu?: { p50: number; p90: number; p99: number; max: number };
  /** Function libraries and module data in the snapshot. */
  functionLibraries: number;
  moduleTypes: Record<string, number>;
  /** How sizes were obtained: modelled from each key's encoding as MEMORY USAGE would report them. */
  sizeModel: string;
}
