/**
 * Memory estimates for when MEMORY USAGE may not run (ACL without +memory, a renamed command, managed caches
 * that block it). Built from what the other reads give: type, encoding, length and the name's length, with
 * per-element costs of Redis 7's encodings (jemalloc rounding ignored). They are labelled as estimates in
 * every report format; expect tens of percent of error for collections whose elements are not small.
 */

/** dictEntry (24) + robj (16) + the key's sds header and terminator (~4), per key in the main dictionary. */
const PER_KEY = 44;

/** Bytes per element by encoding, for typical short fields and values (~10-20 bytes each). */
const PER_ELEMENT: Record<string, number> = {
  listpack: 12,
  ziplist: 12,
  intset: 8,
  quicklist: 14,
  // A dictEntry plus an sds (hash: two sds) per element.
  hashtable: 56,
  // dictEntry + skiplist node (level pointers average ~1.33) + an sds member, plus the dict slots.
  skiplist: 100,
  // Entries of a stream live in listpacks inside a radix tree (whose nodes dominate small streams).
  stream: 24,
};

/** Fixed cost of the value object per encoding (headers of the listpack, dict, quicklist, stream). */
const PER_VALUE: Record<string, number> = { listpack: 16, ziplist: 16, intset: 8, quicklist: 64, hashtable: 96, skiplist: 160, stream: 2048 };

export interface SizeInputs {
  type: string;
  encoding: string;
  /** Bytes for strings, elements for collections. */
  length: number;
  keyNameBytes: number;
}

export function estimateMemoryBytes(input: SizeInputs): number {
  const key = PER_KEY + input.keyNameBytes;
  const length = Math.max(0, input.length);
  if (input.type === 'string') {
    // int: the value lives in the robj pointer; embstr shares the robj allocation; raw is its own sds.
    if (input.encoding === 'int') return key;
    return key + length + (input.encoding === 'embstr' ? 4 : 16);
  }
  const perElement = PER_ELEMENT[input.encoding] ?? 32;
  return key + (PER_VALUE[input.encoding] ?? 64) + perElement * length;
}
