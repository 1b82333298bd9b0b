/**
 * Walkers over the compact encodings Redis stores as one RDB string: listpack, ziplist, intset and zipmap.
 * They count entries and check the structure within bounds (a corrupt blob gives a reason, never a read past
 * its end); values are never copied.
 */

/** Entries in a blob, or a reason it is corrupt. */
export type BlobCount = { entries: number; error?: undefined } | { entries: -1; error: string };

const corrupt = (error: string): BlobCount => ({ entries: -1, error });

/** Bytes the backlen of a listpack entry of `length` bytes (encoding + data) takes. */
function backlenSize(length: number): number {
  return length < 128 ? 1 : length < 16384 ? 2 : length < 2097152 ? 3 : length < 268435456 ? 4 : 5;
}

/** Count the entries of the listpack in `b[start, end)`. */
export function listpackEntries(b: Uint8Array, start: number, end: number): BlobCount {
  if (end - start < 7) return corrupt(`listpack of ${end - start} bytes is shorter than its 7-byte frame`);
  const total = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
  if (total !== end - start) return corrupt(`listpack header says ${total} bytes, the string holds ${end - start}`);
  const declared = b[start + 4] | (b[start + 5] << 8);
  let p = start + 6;
  let count = 0;
  for (;;) {
    if (p >= end) return corrupt('listpack has no end marker');
    const e = b[p];
    if (e === 0xff) break;
    let length: number; // encoding + data
    if (e < 0x80) length = 1;
    else if (e < 0xc0) length = 1 + (e & 0x3f);
    else if (e < 0xe0) length = 2;
    else if (e < 0xf0) {
      if (p + 1 >= end) return corrupt('listpack entry header cut off');
      length = 2 + (((e & 0x0f) << 8) | b[p + 1]);
    } else if (e === 0xf0) {
      if (p + 4 >= end) return corrupt('listpack entry header cut off');
      length = 5 + ((b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24)) >>> 0);
    } else if (e === 0xf1) length = 3;
    else if (e === 0xf2) length = 4;
    else if (e === 0xf3) length = 5;
    else if (e === 0xf4) length = 9;
    else return corrupt(`listpack entry has the unknown encoding byte 0x${e.toString(16)} at blob offset ${p - start}`);
    p += length + backlenSize(length);
    count++;
  }
  if (p !== end - 1) return corrupt(`listpack end marker at blob offset ${p - start}, ${end - 1 - p} bytes before the end`);
  if (declared !== 0xffff && declared !== count) return corrupt(`listpack header counts ${declared} entries, it holds ${count}`);
  return { entries: count };
}

/** Count the entries of the ziplist in `b[start, end)` (RDB 9 and older). */
export function ziplistEntries(b: Uint8Array, start: number, end: number): BlobCount {
  if (end - start < 11) return corrupt(`ziplist of ${end - start} bytes is shorter than its 11-byte frame`);
  const total = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
  if (total !== end - start) return corrupt(`ziplist header says ${total} bytes, the string holds ${end - start}`);
  const declared = b[start + 8] | (b[start + 9] << 8);
  let p = start + 10;
  let count = 0;
  for (;;) {
    if (p >= end) return corrupt('ziplist has no end marker');
    if (b[p] === 0xff) break;
    p += b[p] === 0xfe ? 5 : 1; // prevlen
    if (p >= end) return corrupt('ziplist entry header cut off');
    const e = b[p];
    const kind = e >>> 6;
    if (kind === 0) p += 1 + (e & 0x3f);
    else if (kind === 1) p += 2 + (((e & 0x3f) << 8) | b[p + 1]);
    else if (kind === 2) p += 5 + (((b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]) >>> 0);
    else if (e === 0xc0) p += 3;
    else if (e === 0xd0) p += 5;
    else if (e === 0xe0) p += 9;
    else if (e === 0xf0) p += 4;
    else if (e === 0xfe) p += 2;
    else if (e > 0xf0 && e < 0xfe) p += 1;
    else return corrupt(`ziplist entry has the unknown encoding byte 0x${e.toString(16)} at blob offset ${p - start}`);
    count++;
  }
  if (p !== end - 1) return corrupt(`ziplist end marker at blob offset ${p - start}, ${end - 1 - p} bytes before the end`);
  if (declared !== 0xffff && declared !== count) return corrupt(`ziplist header counts ${declared} entries, it holds ${count}`);
  return { entries: count };
}

/** Count the integers of the intset in `b[start, end)`. */
export function intsetEntries(b: Uint8Array, start: number, end: number): BlobCount {
  if (end - start < 8) return corrupt(`intset of ${end - start} bytes is shorter than its 8-byte header`);
  const width = (b[start] | (b[start + 1] << 8) | (b[start + 2] << 16) | (b[start + 3] << 24)) >>> 0;
  const count = (b[start + 4] | (b[start + 5] << 8) | (b[start + 6] << 16) | (b[start + 7] << 24)) >>> 0;
  if (width !== 2 && width !== 4 && width !== 8) return corrupt(`intset has the element width ${width}`);
  if (8 + width * count !== end - start) return corrupt(`intset of ${count} × ${width} bytes does not fill its ${end - start}-byte string`);
  return { entries: count };
}

/** Count the field/value pairs of the zipmap in `b[start, end)` (hashes written by Redis before 2.6). */
export function zipmapPairs(b: Uint8Array, start: number, end: number): BlobCount {
  let p = start + 1; // zmlen
  let strings = 0;
  const readLength = (): number => {
    if (p >= end) return -1;
    const first = b[p];
    if (first < 254) return (p += 1), first;
    if (first === 254 && p + 4 < end) {
      const value = (b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24)) >>> 0;
      p += 5;
      return value;
    }
    return -1;
  };
  for (;;) {
    if (p >= end) return corrupt('zipmap has no end marker');
    if (b[p] === 0xff) break;
    const length = readLength();
    if (length < 0) return corrupt('zipmap entry length cut off');
    // A value carries one "free" byte (unused bytes that follow it) after its length.
    const isValue = strings % 2 === 1;
    const free = isValue ? b[p++] : 0;
    p += length + free;
    strings++;
  }
  if (p !== end - 1 || strings % 2 !== 0) return corrupt('zipmap ends inside an entry');
  return { entries: strings / 2 };
}

/**
 * Entries a blob's header states, read from its first bytes only (`header`; `size` is the whole blob's): -1 when
 * the header cannot tell (a count too big for its field, a header that disagrees with the size), and the blob is
 * walked instead. Used for LZF-compressed blobs, which are then decompressed only as far as the header.
 */
export function listpackHeaderEntries(header: Uint8Array, size: number): number {
  const total = (header[0] | (header[1] << 8) | (header[2] << 16) | (header[3] << 24)) >>> 0;
  const count = header[4] | (header[5] << 8);
  return total === size && size >= 7 && count !== 0xffff ? count : -1;
}

export function ziplistHeaderEntries(header: Uint8Array, size: number): number {
  const total = (header[0] | (header[1] << 8) | (header[2] << 16) | (header[3] << 24)) >>> 0;
  const count = header[8] | (header[9] << 8);
  return total === size && size >= 11 && count !== 0xffff ? count : -1;
}

export function intsetHeaderEntries(header: Uint8Array, size: number): number {
  const width = (header[0] | (header[1] << 8) | (header[2] << 16) | (header[3] << 24)) >>> 0;
  const count = (header[4] | (header[5] << 8) | (header[6] << 16) | (header[7] << 24)) >>> 0;
  return (width === 2 || width === 4 || width === 8) && 8 + width * count === size ? count : -1;
}

/** Bytes of the header each of the above reads. */
export const HEADER_BYTES = { listpack: 6, ziplist: 10, intset: 8 } as const;
