/**
 * The in-memory size model: for one key read from an RDB, the bytes `MEMORY USAGE key SAMPLES 0` reports on
 * the server that wrote the file, and the encoding OBJECT ENCODING reports. It follows objectComputeSize()
 * and the MEMORY USAGE command of Redis 7 (object.c) with 64-bit struct sizes and jemalloc 5 size classes;
 * the figures are calibrated against real servers by test/integration/rdb/sizeModel.test.ts.
 */
import * as allocator from './allocator';
import type { RdbKeyFacts } from './types';

// Bound locally: every key's size goes through it (an imported name compiled to CommonJS is read through getters).
const sdsHeaderSize = allocator.sdsHeaderSize;

/** The server whose memory the model describes (from the file's redis-ver or valkey-ver AUX field). */
export interface ServerShape {
  /** The Redis version whose data layout the server has, [major, minor]: Valkey 8 counts as 7.2 (its fork point). */
  version: [number, number];
  /** Valkey keeps the key inside the keyspace's dict entry and sets' members in bare buckets (dict.c of Valkey 8.0). */
  flavor: 'redis' | 'valkey';
  /** jemalloc's quantum in the writing server's build (see allocator.ts). */
  quantum: allocator.AllocatorQuantum;
  /** list-max-listpack-size as a byte limit for one node (-2 = 8 KB, the default). */
  listNodeBytes: number;
}

export const DEFAULT_SERVER_SHAPE: ServerShape = { version: [7, 0], flavor: 'redis', quantum: 8, listNodeBytes: 8192 };

/** Parse "7.0.15" (redis-ver) into a shape; unknown text keeps the defaults. */
export function serverShapeFromVersion(redisVersion: string | undefined, quantum: allocator.AllocatorQuantum = DEFAULT_SERVER_SHAPE.quantum): ServerShape {
  const match = /^(\d+)\.(\d+)/.exec(redisVersion ?? '');
  const version: [number, number] = match ? [Number(match[1]), Number(match[2])] : DEFAULT_SERVER_SHAPE.version;
  return { ...DEFAULT_SERVER_SHAPE, version, quantum };
}

/** The shape of a Valkey server from its valkey-ver AUX field: every Valkey release has Redis 7.2's layouts. */
export function valkeyShape(quantum: allocator.AllocatorQuantum = DEFAULT_SERVER_SHAPE.quantum): ServerShape {
  return { ...DEFAULT_SERVER_SHAPE, version: [7, 2], flavor: 'valkey', quantum };
}

const ROBJ = 16;
const DICT_ENTRY = 24;
/** struct dict of Redis 7 (type, two tables, two used counts, rehash index, pause, two size exponents). */
const DICT = 56;
const QUICKLIST = 40;
const QUICKLIST_NODE = 32;
const ZSET = 16;
const ZSKIPLIST = 32;
/** What each allocator build rounds the fixed-size structures to. */
interface Rounded {
  jemallocSize: (size: number) => number;
  sdsAllocSize: (length: number) => number;
  /** The skiplist header node: 24 bytes + 32 levels of 16 bytes, rounded by jemalloc. */
  skiplistHeader: number;
  /** Expected jemalloc size of a skiplist node (24 bytes + 16 per level, levels geometric with p = 1/4). */
  skiplistNode: number;
}

function rounded(quantum: allocator.AllocatorQuantum): Rounded {
  const jemallocSize = allocator.sizeClassOf(quantum);
  let skiplistNode = 0;
  for (let level = 1; level <= 32; level++) skiplistNode += 0.75 * 0.25 ** (level - 1) * jemallocSize(24 + 16 * level);
  return {
    jemallocSize,
    sdsAllocSize: (length) => jemallocSize(sdsHeaderSize(length) + length + 1),
    skiplistHeader: jemallocSize(24 + 32 * 16),
    skiplistNode,
  };
}

const ROUNDED: Record<allocator.AllocatorQuantum, Rounded> = { 8: rounded(8), 16: rounded(16) };
/** Valkey's dictEntryNoValue (key + next), allocated for a set member whose bucket was taken. */
const DICT_ENTRY_NO_VALUE = 16;
const STREAM_V7 = 80;
const STREAM_V6 = 40;
const STREAM_CG = 40;
const STREAM_NACK = 24;
const STREAM_ID = 16;
/** streamRadixTreeMemoryUsage: sizeof(raxNode) + 30 pointers per node. */
const RAX_NODE = 4 + 8 * 30;
/** The listpack a stream preallocates for its newest node (STREAM_LISTPACK_MAX_PRE_ALLOCATE). */
const STREAM_LISTPACK_PREALLOCATED = 4096;

export interface SizeEstimate {
  /** MEMORY USAGE bytes (rounded). */
  bytes: number;
  /** OBJECT ENCODING on the writing server. */
  encoding: string;
}

/** Share of non-empty buckets in a table holding as many entries as buckets (1 - 1/e): the rehash steps it takes. */
const NON_EMPTY_BUCKETS = 1 - Math.exp(-1);

/**
 * Bucket pointers MEMORY USAGE counts for a dict of `n` entries that started with `initial` buckets and then grew
 * one insert at a time. Growth doubles the table and rehashes incrementally, one old bucket per later insert;
 * until that is done both tables count (values' dicts are not rehashed in the background).
 */
export function dictBuckets(n: number, initial = 4): number {
  const start = Math.max(4, initial);
  if (n <= start) return start;
  const size = ceilPowerOfTwo(n);
  const old = size / 2;
  const stepsSinceGrowth = n - (old + 1);
  return stepsSinceGrowth < NON_EMPTY_BUCKETS * old ? size + old : size;
}

/** 2^ceil(log2 n) for n >= 1; below 2^30 from the leading zeros of n - 1 (no float logarithm per key). */
export function ceilPowerOfTwo(n: number): number {
  return n <= 0x40000000 ? 1 << (32 - Math.clz32(n - 1)) : 2 ** Math.ceil(Math.log2(n));
}

const nextPowerOfTwo = (n: number) => (n <= 4 ? 4 : ceilPowerOfTwo(n));

/** MEMORY USAGE of the key described by `facts`, with the encoding the server reports. */
export function estimateKeyMemory(facts: RdbKeyFacts, server: ServerShape = DEFAULT_SERVER_SHAPE): SizeEstimate {
  return estimateKeyMemoryInto(facts, server, { bytes: 0, encoding: '' });
}

/** estimateKeyMemory written into `out` (returned): a caller streaming millions of keys reuses one object. */
export function estimateKeyMemoryInto(facts: RdbKeyFacts, server: ServerShape, out: SizeEstimate): SizeEstimate {
  const r = ROUNDED[server.quantum];
  const keyLength = facts.key.length;
  // Valkey 8 embeds the key in its dict entry (value pointer, next, a header-size byte, an sds of type 8 or wider).
  const keyBytes = server.flavor === 'valkey'
    ? r.jemallocSize(16 + 1 + Math.max(3, sdsHeaderSize(keyLength)) + keyLength + 1)
    : r.sdsAllocSize(keyLength) + DICT_ENTRY;
  out.bytes = Math.round(keyBytes + valueSize(facts, server, r, out));
  return out;
}

function atLeast(server: ServerShape, major: number, minor: number): boolean {
  return server.version[0] > major || (server.version[0] === major && server.version[1] >= minor);
}

function hashtable(n: number, initialBuckets: number, elementAllocBytes: number, entryBytes = n * DICT_ENTRY): number {
  return ROBJ + DICT + 8 * dictBuckets(n, initialBuckets) + entryBytes + elementAllocBytes;
}

/**
 * Valkey's set dict keeps a member directly in an empty bucket and allocates an entry only for members that
 * landed in a bucket already taken: n minus the buckets in use, for n members hashed into the table's buckets.
 */
function valkeySetEntryBytes(n: number, initialBuckets: number): number {
  const start = Math.max(4, nextPowerOfTwo(initialBuckets));
  const size = Math.max(start, nextPowerOfTwo(n));
  const old = size / 2;
  const steps = n - (old + 1);
  const collided = (entries: number, buckets: number) => (entries <= 0 || buckets <= 0 ? 0 : entries - buckets * (1 - Math.exp(-entries / buckets)));
  if (size === start || steps >= NON_EMPTY_BUCKETS * old) return collided(n, size) * DICT_ENTRY_NO_VALUE;
  // Still rehashing (as dictBuckets assumes): the part of the old table not yet moved keeps its fuller chains.
  const moved = steps / (NON_EMPTY_BUCKETS * old);
  const inNew = steps + moved * (old + 1);
  return (collided(inNew, size) + collided(n - inNew, old * (1 - moved))) * DICT_ENTRY_NO_VALUE;
}

/**
 * Buckets a set's dict started with: a set of integers was an intset until it passed 512 entries
 * (set-max-intset-entries); from 7.2 on, a set of strings was a listpack converted like a hash's (sized for the
 * entries it held plus the one being added).
 */
function setInitialBuckets(f: RdbKeyFacts, server: ServerShape): number {
  if (f.integerElements === f.length && f.length > 512) return nextPowerOfTwo(513);
  return atLeast(server, 7, 2) ? convertedInitialBuckets(f.length) : 4;
}

/** A hash (or zset) passing 128 entries (the listpack limit) converts into a dict sized for 129; a smaller one was
 *  converted by a long value, at about its present size. */
function convertedInitialBuckets(n: number): number {
  return n > 128 ? nextPowerOfTwo(129) : nextPowerOfTwo(n);
}

/** Sets the encoding, returns the bytes: valueSize's way of answering both without an object per key. */
function sized(out: SizeEstimate, encoding: string, bytes: number): number {
  out.encoding = encoding;
  return bytes;
}

/** The value's bytes; sets `out.encoding`. */
function valueSize(f: RdbKeyFacts, server: ServerShape, r: Rounded, out: SizeEstimate): number {
  const { jemallocSize, sdsAllocSize } = r;
  switch (f.type) {
    case 'string':
      if (f.integerString) return sized(out, 'int', ROBJ);
      if (f.length <= 44) return sized(out, 'embstr', jemallocSize(ROBJ + 3 + f.length + 1));
      return sized(out, 'raw', ROBJ + sdsAllocSize(f.length));
    case 'list': {
      if (f.encoding === 'linkedlist') {
        // Converted to a quicklist on load: elements packed into listpacks of about 8 KB.
        const nodes = Math.max(1, Math.ceil(f.elementAllocBytes / server.listNodeBytes));
        return sized(out, 'quicklist', ROBJ + QUICKLIST + nodes * QUICKLIST_NODE + f.elementAllocBytes);
      }
      if (f.encoding === 'ziplist') return sized(out, 'quicklist', ROBJ + QUICKLIST + QUICKLIST_NODE + jemallocSize(f.blobBytes));
      // Redis 7.2+ keeps a list that fits one node as a plain listpack.
      if (atLeast(server, 7, 2) && f.nodes === 1 && f.blobBytes > 0 && f.blobBytes <= server.listNodeBytes) {
        return sized(out, 'listpack', ROBJ + jemallocSize(f.blobBytes));
      }
      return sized(out, 'quicklist', ROBJ + QUICKLIST + f.nodes * QUICKLIST_NODE + f.nodeAllocBytes);
    }
    case 'set':
      if (f.encoding === 'hashtable') {
        const initial = setInitialBuckets(f, server);
        const entries = server.flavor === 'valkey' ? valkeySetEntryBytes(f.length, initial) : f.length * DICT_ENTRY;
        return sized(out, 'hashtable', hashtable(f.length, initial, f.elementAllocBytes, entries));
      }
      return sized(out, f.encoding, ROBJ + jemallocSize(f.blobBytes));
    case 'hash':
      if (f.encoding === 'hashtable') return sized(out, 'hashtable', hashtable(f.length, convertedInitialBuckets(f.length), f.elementAllocBytes));
      if (f.encoding === 'listpackex') return sized(out, 'listpackex', ROBJ + jemallocSize(32) + jemallocSize(f.blobBytes));
      return sized(out, f.encoding === 'zipmap' || f.encoding === 'ziplist' ? f.encoding : 'listpack', ROBJ + jemallocSize(f.blobBytes));
    case 'zset':
      if (f.encoding === 'skiplist') {
        const n = f.length;
        const bytes = ROBJ + ZSET + ZSKIPLIST + DICT + 8 * dictBuckets(n, convertedInitialBuckets(n)) + r.skiplistHeader + n * (DICT_ENTRY + r.skiplistNode) + f.elementAllocBytes;
        return sized(out, 'skiplist', bytes);
      }
      return sized(out, f.encoding, ROBJ + jemallocSize(f.blobBytes));
    case 'stream': {
      const s = f.stream;
      const rax = (elements: number, nodes: number) => elements * STREAM_ID + nodes * RAX_NODE;
      // The newest listpack was preallocated by XADD; older ones were filled to their final size.
      const newest = s.listpacks > 0 ? Math.max(STREAM_LISTPACK_PREALLOCATED, jemallocSize(s.lastListpackBytes)) - jemallocSize(s.lastListpackBytes) : 0;
      let bytes = ROBJ + (atLeast(server, 7, 0) ? STREAM_V7 : STREAM_V6) + rax(s.listpacks, s.raxNodes) + s.listpackAllocBytes + newest;
      bytes += s.groups * STREAM_CG + rax(s.groupPelEntries, s.groupPelRaxNodes) + s.groupPelEntries * STREAM_NACK;
      bytes += s.consumers * (atLeast(server, 7, 2) ? 32 : 24) + s.consumerNameBytes + rax(s.consumerPelEntries, s.consumerPelRaxNodes);
      return sized(out, 'stream', bytes);
    }
    default:
      // Module values: their own rdb_save format, not their memory; the file's bytes are the best hint there is.
      return sized(out, f.encoding, ROBJ + f.valueBytes);
  }
}
