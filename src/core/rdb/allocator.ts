/**
 * What Redis's allocator hands out for a request: jemalloc 5 size classes (x86-64, 8-byte quantum) and the
 * allocation of an sds string of a given length. MEMORY USAGE sums these, so the size model does too.
 */

/** The jemalloc size class (usable size) for a request of `size` bytes. */
export function jemallocSize(size: number): number {
  if (size <= 8) return 8;
  if (size <= 128) return (size + 15) & ~15;
  // Four classes per doubling above 128: 160, 192, 224, 256, 320, ... (also for large and huge sizes).
  const lgFloor = 31 - Math.clz32(size - 1);
  const delta = 2 ** (lgFloor - 2);
  return Math.ceil(size / delta) * delta;
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
