/**
 * The reading half of the streaming RDB parser: chunks in, the CRC64 over what was parsed, and the primitive reads
 * (lengths, integers, strings, compact blobs) the value programs are built from.
 *
 * Every read is a "unit" that either completes or leaves the parser exactly where it was: when the buffer runs
 * dry mid-unit a read throws NEED_MORE internally, `run` rolls back to the last committed offset and waits for
 * the bytes that unit needs. Big string bodies that are not needed are skipped as they arrive, never buffered.
 */
import * as blobs from './blobEncodings';
import type { BlobCount } from './blobEncodings';
import { Crc64 } from './crc64';
import * as lzf from './lzf';
import * as constants from './rdbConstants';
import * as text from './rdbText';
import { RdbError } from './types';

// Plain local bindings: module namespaces compiled to CommonJS read every imported name through a getter, which
// cost more than the parsing itself in the per-element paths.
const T = { ...constants };
const lzfDecompressInto = lzf.lzfDecompressInto;
const { decimalLength, moduleNameOf } = text;
const { intsetEntries, listpackEntries, ziplistEntries, zipmapPairs, listpackHeaderEntries, ziplistHeaderEntries, intsetHeaderEntries, HEADER_BYTES } = blobs;

const NEED_MORE = Symbol('need more bytes');
/** The largest unit read whole (a key name, one listpack): beyond it a length is corrupt, and buffering the rest
 *  of a big file to wait for it would exhaust memory. Big string values are skipped, not read whole. */
const MAX_UNIT_BYTES = 1 << 30;
export const EMPTY = new Uint8Array(0);
/** Compressed key names up to this size reuse one buffer; a bigger one (rare) gets its own. */
const MAX_KEY_SCRATCH = 1 << 16;
/** Key names up to this size are copied into that buffer; longer ones (rare) are views of the input. */
const VIEWED_KEY_BYTES = 256;
const TEXT_ENCODER = new TextEncoder();

/** The compact encodings a value or node can be stored as, one blob each. */
const enum BlobKind { Listpack, Ziplist, Intset, Zipmap }

export abstract class RdbCursor {
  /** True once the EOF opcode and the checksum were read (and matched). */
  done = false;
  /** Bytes after the checksum (a diskless transfer's EOF mark), kept up to 64 for the transport to check. */
  trailing: Uint8Array = EMPTY;

  protected b: Uint8Array = EMPTY;
  /** Absolute offset of b[0]. */
  protected base = 0;
  protected pos = 0;
  protected limit = 0;
  /** Buffer offset up to which every unit is complete. */
  protected commit = 0;
  /** Absolute offset the pending unit needs to reach before a retry makes sense. */
  protected needed = 0;
  /** Bytes of a skipped string body still to pass over. */
  protected skip = 0;
  protected readonly pending: Uint8Array[] = [];
  protected pendingBytes = 0;
  protected readonly crc = new Crc64();
  protected crcFrom = 0;

  /** Absolute offset of the first byte not yet parsed. */
  get offset(): number {
    return this.base + this.commit;
  }

  /** Feed the next bytes of the file. Throws RdbError on input it cannot read. */
  push(chunk: Uint8Array): void {
    if (this.done) return this.keepTrailing(chunk);
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.base + this.limit + this.pendingBytes < this.needed && this.skip === 0) return;
    this.absorbPending();
    this.run();
  }

  /** The input has ended: throws RdbError unless the file was complete. */
  end(): void {
    if (this.done) return;
    throw new RdbError('truncated', this.base + this.commit, `the RDB ends at byte ${this.base + this.limit} while reading ${this.describe()}`);
  }

  protected keepTrailing(chunk: Uint8Array): void {
    if (this.trailing.length >= 64 || chunk.length === 0) return;
    const joined = new Uint8Array(Math.min(64, this.trailing.length + chunk.length));
    joined.set(this.trailing.subarray(0, joined.length));
    joined.set(chunk.subarray(0, joined.length - this.trailing.length), this.trailing.length);
    this.trailing = joined;
  }

  /** Move pending chunks into the buffer, dropping what is parsed (after adding it to the CRC). */
  private absorbPending(): void {
    this.crc.update(this.b, this.crcFrom, this.commit);
    const left = this.limit - this.commit;
    let next: Uint8Array;
    if (left === 0 && this.pending.length === 1) {
      // A plain view even of a Buffer: Buffer's own subarray (one per key name) costs several times more.
      const chunk = this.pending[0];
      next = chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    } else {
      next = new Uint8Array(left + this.pendingBytes);
      next.set(this.b.subarray(this.commit, this.limit), 0);
      let at = left;
      for (const chunk of this.pending) {
        next.set(chunk, at);
        at += chunk.length;
      }
    }
    this.base += this.commit;
    this.b = next;
    this.pos = 0;
    this.commit = 0;
    this.crcFrom = 0;
    this.limit = next.length;
    this.pending.length = 0;
    this.pendingBytes = 0;
  }

  private run(): void {
    for (;;) {
      if (this.skip > 0) {
        const passed = Math.min(this.skip, this.limit - this.commit);
        this.skip -= passed;
        this.commit += passed;
        this.pos = this.commit;
        if (this.skip > 0) {
          this.needed = this.base + this.limit + this.skip;
          return;
        }
      }
      try {
        if (!this.unit()) return;
      } catch (error) {
        if (error !== NEED_MORE) throw error;
        this.pos = this.commit;
        return;
      }
      this.commit = this.pos;
    }
  }

  /** Read one unit; false when the parse is over. */
  /** Read one unit; false when the parse is over. */
  protected abstract unit(): boolean;
  /** What the parser is in the middle of, for error messages. */
  protected abstract describe(): string;
  /** The current key's name, quoted and shortened, for error messages. */
  protected abstract keyText(): string;

  // ---- primitive reads (each throws NEED_MORE when the buffer ends first) ----

  protected want(bytes: number): void {
    if (this.pos + bytes > this.limit) {
      if (bytes > MAX_UNIT_BYTES) throw this.formatError(this.pos, `a length of ${bytes} bytes for data that is read whole (at most ${MAX_UNIT_BYTES})`);
      this.needed = this.base + this.pos + bytes;
      throw NEED_MORE;
    }
  }

  protected u8(): number {
    if (this.pos >= this.limit) {
      this.needed = this.base + this.pos + 1;
      throw NEED_MORE;
    }
    return this.b[this.pos++];
  }

  protected u32le(): number {
    this.want(4);
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  protected u64le(): number {
    const low = this.u32le();
    const high = this.u32le();
    return high * 4294967296 + low;
  }

  /** A length; `special` receives the encoding (0-3) when the byte announces an encoded string instead (else -1). */
  protected lengthOrEncoding(): number {
    const first = this.u8();
    const kind = first >>> 6;
    this.special = -1;
    if (kind === 0) return first & 0x3f;
    if (kind === 1) return ((first & 0x3f) << 8) | this.u8();
    if (kind === 3) {
      this.special = first & 0x3f;
      return 0;
    }
    if (first === 0x80) {
      this.want(4);
      const b = this.b;
      const p = this.pos;
      this.pos += 4;
      return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
    }
    if (first === 0x81) {
      this.want(8);
      const b = this.b;
      const p = this.pos;
      this.pos += 8;
      const high = ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
      const low = ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0;
      this.lastHigh = high;
      this.lastLow = low;
      return high * 4294967296 + low;
    }
    throw this.formatError(this.pos - 1, `unknown length encoding byte 0x${first.toString(16)}`);
  }

  protected special = -1;
  protected lastHigh = 0;
  protected lastLow = 0;

  protected length(what: string): number {
    const start = this.pos;
    const value = this.lengthOrEncoding();
    if (this.special >= 0) throw this.formatError(start, `an encoded string where ${what} (a length) belongs`);
    return value;
  }

  /** A string whose bytes are needed (key names, blobs, IDs): returns a view (or a decompressed copy). With
   *  `keyScratch` (a key name), the bytes of a name up to VIEWED_KEY_BYTES long are copied into the key scratch
   *  buffer and handed out as one of its views, made once per length: a new view for every key cost more than
   *  copying its bytes. */
  protected stringBytes(keyScratch = false): Uint8Array {
    const start = this.pos;
    const length = this.lengthOrEncoding();
    if (this.special < 0) {
      this.want(length);
      const from = this.pos;
      this.pos += length;
      if (keyScratch && length <= VIEWED_KEY_BYTES) {
        const b = this.b;
        const scratch = this.keyScratch;
        for (let i = 0; i < length; i++) scratch[i] = b[from + i];
        return this.keyView(length);
      }
      return this.b.subarray(from, this.pos);
    }
    switch (this.special) {
      case T.ENC_INT8: case T.ENC_INT16: case T.ENC_INT32: {
        const value = this.encodedInteger();
        return TEXT_ENCODER.encode(String(value));
      }
      case T.ENC_LZF: {
        const compressed = this.length('a compressed length');
        const plain = this.length('an uncompressed length');
        // LZF expands at most ~132 times (a 264-byte back reference from 2 bytes): a bigger claim is corruption,
        // and allocating it could exhaust memory.
        if (plain > compressed * 132 + 64) throw this.formatError(start, `LZF string claims ${plain} bytes from ${compressed} compressed bytes`);
        this.want(compressed);
        if (keyScratch && plain > this.keyScratch.length && plain <= MAX_KEY_SCRATCH) {
          this.keyScratch = new Uint8Array(Math.max(plain, 2 * this.keyScratch.length));
          this.keyViews = [];
        }
        const output = keyScratch && plain <= this.keyScratch.length ? this.keyScratch : new Uint8Array(plain);
        if (lzfDecompressInto(this.b, this.pos, this.pos + compressed, output, plain) !== plain) {
          throw this.formatError(start, `LZF data of ${compressed} bytes does not decompress to ${plain} bytes`);
        }
        this.pos += compressed;
        if (output.length === plain) return output;
        return output === this.keyScratch && plain <= VIEWED_KEY_BYTES ? this.keyView(plain) : output.subarray(0, plain);
      }
      default:
        throw this.formatError(start, `unknown string encoding ${this.special}`);
    }
  }

  protected encodedInteger(): number {
    if (this.special === T.ENC_INT8) return (this.u8() << 24) >> 24;
    if (this.special === T.ENC_INT16) {
      this.want(2);
      const value = this.b[this.pos] | (this.b[this.pos + 1] << 8);
      this.pos += 2;
      return (value << 16) >> 16;
    }
    return this.u32le() | 0;
  }

  /** Length of a string whose bytes are not needed; a body not yet in the buffer is skipped as it arrives.
   *  Must be the last read of its unit. Sets `lastWasInteger` for integer-encoded strings. */
  protected stringLength(): number {
    const start = this.pos;
    const length = this.lengthOrEncoding();
    this.lastWasInteger = false;
    if (this.special < 0) {
      this.passOver(length);
      return length;
    }
    if (this.special === T.ENC_LZF) {
      const compressed = this.length('a compressed length');
      const plain = this.length('an uncompressed length');
      this.passOver(compressed);
      return plain;
    }
    if (this.special > T.ENC_LZF) throw this.formatError(start, `unknown string encoding ${this.special}`);
    this.lastWasInteger = true;
    return decimalLength(this.encodedInteger());
  }

  protected lastWasInteger = false;
  /** Bytes of the blob last read by blobString(). */
  protected lastBlobBytes = 0;
  protected readonly headerScratch = new Uint8Array(1024);
  /** Key names are copied or decompressed here (the key is a view valid until the next key). */
  protected keyScratch = new Uint8Array(VIEWED_KEY_BYTES);
  /** keyViews[n]: the first n bytes of keyScratch, made on first use (and again after keyScratch grew). */
  private keyViews: Uint8Array[] = [];

  private keyView(length: number): Uint8Array {
    return this.keyViews[length] ?? (this.keyViews[length] = this.keyScratch.subarray(0, length));
  }

  /**
   * A compact blob stored as a string (a listpack, ziplist, intset or zipmap value; a quicklist or stream node):
   * returns its entry count, sets lastBlobBytes. An LZF-compressed one is decompressed only as far as its header
   * (size and count), which is most of the parse time saved; the CRC64 at the end still covers every byte. Counts
   * the header cannot give are walked, and so are uncompressed blobs (already in the buffer, cheap to check).
   */
  protected blobString(kind: BlobKind, what: string): number {    const start = this.pos;
    this.lengthOrEncoding();
    if (this.special === T.ENC_LZF && kind !== BlobKind.Zipmap) {
      const compressed = this.length('a compressed length');
      const plain = this.length('an uncompressed length');
      this.want(compressed);
      const scratch = this.headerScratch;
      const headerBytes = kind === BlobKind.Listpack ? HEADER_BYTES.listpack : kind === BlobKind.Ziplist ? HEADER_BYTES.ziplist : HEADER_BYTES.intset;
      if (plain >= headerBytes && lzfDecompressInto(this.b, this.pos, this.pos + compressed, scratch, plain, headerBytes) >= headerBytes) {
        const count = kind === BlobKind.Listpack ? listpackHeaderEntries(scratch, plain)
          : kind === BlobKind.Ziplist ? ziplistHeaderEntries(scratch, plain) : intsetHeaderEntries(scratch, plain);
        if (count >= 0) {
          this.pos += compressed;
          this.lastBlobBytes = plain;
          return count;
        }
      }
    }
    this.pos = start;
    const blob = this.stringBytes();
    const counted = countBlob(kind, blob);
    if (counted.error !== undefined) throw this.formatError(start, `${what} of key ${this.keyText()}: ${counted.error}`);
    this.lastBlobBytes = blob.length;
    return counted.entries;
  }


  /** A single-blob value (listpack, ziplist, intset or zipmap by its RDB type): entries as blobString counts them. */
  protected blobValue(type: number, what: string): number {
    return this.blobString(BLOB_KINDS[type], what);
  }

  /** A quicklist or stream node: a listpack (RDB 10+) or a ziplist (quicklist nodes of RDB 7-9). */
  protected nodeString(ziplist: boolean, what: string): number {
    return this.blobString(ziplist ? BlobKind.Ziplist : BlobKind.Listpack, what);
  }

  /** A module id (a 64-bit length) as the module type's name. */
  protected moduleId(): string {
    const id = this.length('the module id');
    return id < 4294967296 ? moduleNameOf(0, id) : moduleNameOf(this.lastHigh, this.lastLow);
  }

  protected passOver(bytes: number): void {
    const available = this.limit - this.pos;
    if (bytes <= available) {
      this.pos += bytes;
    } else {
      this.pos = this.limit;
      this.skip = bytes - available;
    }
  }

  protected formatError(at: number, what: string): RdbError {
    return new RdbError('format', this.base + at, `corrupt RDB at byte ${this.base + at}: ${what} (while reading ${this.describe()})`);
  }
}

/** RDB type byte of a single-blob value → the blob's encoding. */
const BLOB_KINDS: BlobKind[] = [];
BLOB_KINDS[T.TYPE_HASH_ZIPMAP] = BlobKind.Zipmap;
BLOB_KINDS[T.TYPE_SET_INTSET] = BlobKind.Intset;
BLOB_KINDS[T.TYPE_LIST_ZIPLIST] = BLOB_KINDS[T.TYPE_ZSET_ZIPLIST] = BLOB_KINDS[T.TYPE_HASH_ZIPLIST] = BlobKind.Ziplist;
for (const type of [T.TYPE_HASH_LISTPACK, T.TYPE_ZSET_LISTPACK, T.TYPE_SET_LISTPACK, T.TYPE_HASH_LISTPACK_EX, T.TYPE_HASH_LISTPACK_EX_PRE_GA]) BLOB_KINDS[type] = BlobKind.Listpack;

function countBlob(kind: BlobKind, blob: Uint8Array): BlobCount {
  switch (kind) {
    case BlobKind.Zipmap: return zipmapPairs(blob, 0, blob.length);
    case BlobKind.Intset: return intsetEntries(blob, 0, blob.length);
    case BlobKind.Ziplist: return ziplistEntries(blob, 0, blob.length);
    default: return listpackEntries(blob, 0, blob.length);
  }
}
