/** What the RDB parser reports: per-key facts (never values), file-level metadata, and its errors. */

/** Value types as TYPE names them. */
export type RdbValueType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream' | 'module';

/** Facts about a stream value that MEMORY USAGE depends on. */
export interface StreamFacts {
  /** Listpacks (rax elements) and the nodes of the rax that indexes them (counted as Redis builds it). */
  listpacks: number;
  raxNodes: number;
  /** Bytes of every listpack as stored, summed, and of the last one alone. */
  listpackBytes: number;
  lastListpackBytes: number;
  /** Sum of jemalloc size classes of the listpacks as loaded (exact size each). */
  listpackAllocBytes: number;
  groups: number;
  /** Entries and rax nodes of all group PELs. */
  groupPelEntries: number;
  groupPelRaxNodes: number;
  consumers: number;
  consumerNameBytes: number;
  consumerPelEntries: number;
  consumerPelRaxNodes: number;
}

/**
 * One key as the parser saw it. The parser reuses one object for every key: copy what you keep.
 * `key` is a view into the parser's buffer, valid only during the callback.
 */
export interface RdbKeyFacts {
  /** Absolute file offset of the key's type byte (or of its first expiry/LRU/LFU opcode). */
  offset: number;
  db: number;
  key: Uint8Array;
  type: RdbValueType;
  /** The RDB type byte (RDB_TYPE_*). */
  rdbType: number;
  /** Encoding of the value as the RDB stores it, which is the source server's in-memory encoding:
   *  string, quicklist, linkedlist, listpack, ziplist, zipmap, intset, hashtable, skiplist, stream, or "module:<name>". */
  encoding: string;
  /** Bytes of a string; elements of a collection (fields of a hash, entries of a stream); 0 for module values. */
  length: number;
  /** Absolute expiry in ms since the epoch; -1 without. */
  expiresAtMs: number;
  /** LRU idle seconds from the IDLE opcode; -1 when the file has none. */
  idleSeconds: number;
  /** LFU counter from the FREQ opcode; -1 when the file has none. */
  lfuFrequency: number;
  /** Bytes the value takes in the file. */
  valueBytes: number;
  /** String values that Redis keeps as an integer (encoding "int"). */
  integerString: boolean;
  /** Single-blob encodings (listpack, ziplist, intset, zipmap): the blob's size, uncompressed. */
  blobBytes: number;
  /** Quicklists: nodes, and the sum of jemalloc size classes of their listpacks/plain elements. */
  nodes: number;
  nodeAllocBytes: number;
  /** Hashtable/skiplist encodings (and the old linked list): sum of sds allocations of every element string
   *  (hash fields and values both). */
  elementAllocBytes: number;
  /** Hashtable encodings: elements the file stores integer-encoded (a set of only these may have been an intset). */
  integerElements: number;
  /** Hash fields with their own expiry (Redis 7.4 hash-field expiration). */
  fieldsWithTtl: number;
  stream: StreamFacts;
  /** Module values: the module type's name (9 characters) and encoding version. */
  moduleName: string;
}

/** Callbacks of a parse; only `key` is required. */
export interface RdbListener {
  key(facts: RdbKeyFacts): void;
  /** AUX fields: redis-ver, redis-bits, ctime, used-mem, repl-id, aof-base ... (values as latin1 text). */
  aux?(name: string, value: string): void;
  resizeDb?(db: number, keys: number, expires: number): void;
  /** A function library (Redis 7 FUNCTION LOAD code), by its size. */
  functionLibrary?(bytes: number): void;
  /** Module data outside the keyspace (module AUX), by module name. */
  moduleAux?(moduleName: string): void;
}

/** A parse failure: where it happened in the file and what the parser was reading. */
export class RdbError extends Error {
  override name = 'RdbError';
  constructor(
    /** truncated: the input ended early; checksum: CRC64 mismatch; format: anything the parser cannot read. */
    readonly kind: 'truncated' | 'checksum' | 'format' | 'version',
    /** Absolute byte offset in the RDB payload. */
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}
