/**
 * What Redis's allocator hands out for a request: jemalloc 5 size classes on x86-64, and the allocation of an sds
 * string. MEMORY USAGE sums these, so the size model does too.
 *
 * The size classes depend on how jemalloc was built, not on the server version: builds from source (Redis's own
 * deps, Docker images, Valkey) configure `--with-lg-quantum=3` (classes every 8 bytes up to 64), while servers
 * linked against a distribution's jemalloc (Debian's and Ubuntu's redis-server) use its 16-byte quantum. A live
 * server says which in `MEMORY MALLOC-STATS` ("Quantum size: 8").
 */

export type AllocatorQuantum = 8 | 16;

/** The jemalloc size class (usable size) for a request of `size` bytes with a 16-byte quantum. */
export function jemallocSize(size: number): number {
  if (size <= 8) return 8;
  if (size <= 128) return (size + 15) & ~15;
  return largeClass(size);
}

/** The same with an 8-byte quantum: 8, 16, 24 … 64, then four classes per doubling as above. */
export function jemallocSize8(size: number): number {
  if (size <= 8) return 8;
  if (size <= 64) return (size + 7) & ~7;
  return largeClass(size);
}

/** Four classes per doubling above 64 (80, 96, 112, 128, 160, …), for large and huge sizes too. */
function largeClass(size: number): number {
  // Up to 1 GiB in 32-bit integer steps (every element of a big value comes through here), whose results
  // still fit an int32; beyond, in doubles.
  if (size <= 0x40000000) {
    const shift = 29 - Math.clz32(size - 1);
    return (((size - 1) >> shift) + 1) << shift;
  }
  const delta = 2 ** (29 - Math.clz32(size - 1));
  return Math.ceil(size / delta) * delta;
}

export function sizeClassOf(quantum: AllocatorQuantum): (size: number) => number {
  return quantum === 8 ? jemallocSize8 : jemallocSize;
}

/** Header bytes of an sds string of `length` bytes, as sdsnewlen picks its type (type 5 never for empty strings). */
export function sdsHeaderSize(length: number): number {
  if (length < 32) return length === 0 ? 3 : 1;
  if (length < 256) return 3;
  if (length < 65536) return 5;
  if (length < 4294967296) return 9;
  return 17;
}

/** zmalloc_size of an sds of `length` bytes created with sdsnewlen (header + bytes + terminator, rounded). */
export function sdsAllocSize(length: number): number {
  return jemallocSize(sdsHeaderSize(length) + length + 1);
}

/** The same for a given quantum (Valkey's sdsAllocSize also comes to the allocation's usable size). */
export function sdsSizer(quantum: AllocatorQuantum): (length: number) => number {
  const size = sizeClassOf(quantum);
  return (length) => size(sdsHeaderSize(length) + length + 1);
}

/** "Quantum size: 8" in the text of `MEMORY MALLOC-STATS`, or undefined when the server does not say. */
export function quantumFromMallocStats(text: string): AllocatorQuantum | undefined {
  const match = /Quantum size:\s*(\d+)/.exec(text);
  if (!match) return undefined;
  return match[1] === '8' ? 8 : match[1] === '16' ? 16 : undefined;
}
