/**
 * A streaming RDB parser: push bytes as they arrive (`push`), call `end()` when the input ends. It reports
 * per-key facts (type, encoding, counts, sizes of what the server allocates, expiry, LRU/LFU) and never keeps
 * a value: big strings are skipped across chunks, and only the unit being read (a key name, one listpack) is
 * ever held. RDB versions 1-12 (Redis 2.x to 7.4, Valkey 7/8); CRC64 checked at the end.
 *
 * Every read is a "unit" that either completes or leaves the parser exactly where it was: when the buffer runs
 * dry mid-unit the parser throws NEED_MORE internally, rolls back to the last committed offset and waits for
 * the bytes that unit needs.
 */
import * as allocator from './allocator';
import * as blobs from './blobEncodings';
import type { BlobCount } from './blobEncodings';
import { Crc64 } from './crc64';
import * as lzf from './lzf';
import { RaxNodeCounter } from './raxNodeCounter';
import { RdbError, type RdbKeyFacts, type RdbListener, type RdbValueType } from './types';
import * as constants from './rdbConstants';

// Plain local bindings: module namespaces compiled to CommonJS read every imported name through a getter, which
// cost more than the parsing itself in the per-element paths.
const T = { ...constants };
const lzfDecompressInto = lzf.lzfDecompressInto;
const { intsetEntries, listpackEntries, ziplistEntries, zipmapPairs, listpackHeaderEntries, ziplistHeaderEntries, intsetHeaderEntries, HEADER_BYTES } = blobs;

const NEED_MORE = Symbol('need more bytes');
/** Builds from source (Redis's own jemalloc, Docker images, Valkey) round to 8 bytes; see allocator.ts. */
export const DEFAULT_QUANTUM: allocator.AllocatorQuantum = 8;
const MAX_VERSION = 12;
/** The largest unit read whole (a key name, one listpack): beyond it a length is corrupt, and buffering the rest
 *  of a big file to wait for it would exhaust memory. Big string values are skipped, not read whole. */
const MAX_UNIT_BYTES = 1 << 30;
const MODULE_NAME_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const EMPTY = new Uint8Array(0);
/** Compressed key names up to this size reuse one buffer; a bigger one (rare) gets its own. */
const MAX_KEY_SCRATCH = 1 << 16;
const TEXT_ENCODER = new TextEncoder();

/** Parse phases: what the next unit is. */
const enum Phase {
  Header, Opcode, Checksum, Done,
  /** Inside a value: the type-specific program in `valueStep`. */
  Value,
}

/** The compact encodings a value or node can be stored as, one blob each. */
const enum BlobKind { Listpack, Ziplist, Intset, Zipmap }

/** Steps inside a value. */
const enum Step {
  Count, Elements, StringValue, Blob, ListpackEx, HashMetaStart,
  QuicklistContainer, QuicklistNode,
  StreamListpackKey, StreamListpack, StreamMeta, StreamGroupCount, StreamGroupName, StreamGroupMeta,
  StreamGroupPelCount, StreamGroupPel, StreamConsumerCount, StreamConsumerName, StreamConsumerMeta,
  StreamConsumerPelCount, StreamConsumerPel,
  ModuleId, ModuleOpcode, ModuleSkipValue,
  Finished,
}

export interface RdbParserOptions {
  /** Check the CRC64 trailer (default true). A trailer of zeros means the writer had rdbchecksum off. */
  verifyChecksum?: boolean;
  /** The writing server's jemalloc quantum (see allocator.ts); allocation sizes are counted with it. Default 8. */
  allocatorQuantum?: allocator.AllocatorQuantum;
}

export class RdbParser {
  /** RDB version from the header (0 until read). */
  version = 0;
  /** True once the EOF opcode and the checksum were read (and matched). */
  done = false;
  /** Bytes after the checksum (a diskless transfer's EOF mark), kept up to 64 for the transport to check. */
  trailing: Uint8Array = EMPTY;
  /** Keys reported so far. */
  keys = 0;

  private b: Uint8Array = EMPTY;
  /** Absolute offset of b[0]. */
  private base = 0;
  private pos = 0;
  private limit = 0;
  /** Buffer offset up to which every unit is complete. */
  private commit = 0;
  /** Absolute offset the pending unit needs to reach before a retry makes sense. */
  private needed = 0;
  /** Bytes of a skipped string body still to pass over. */
  private skip = 0;
  private readonly pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly crc = new Crc64();
  private crcFrom = 0;
  private readonly verify: boolean;

  private phase = Phase.Header;
  private db = 0;
  // Per-key state.
  private expiresAtMs = -1;
  private idleSeconds = -1;
  private lfuFrequency = -1;
  private keyOffset = -1;
  private keyBytes: Uint8Array = EMPTY;
  private valueStart = 0;
  private step = Step.Finished;
  private remaining = 0;
  private remainingInner = 0;
  private pairPart = 0;
  private readonly rax = new RaxNodeCounter(16);
  private readonly pelRax = new RaxNodeCounter(16);
  private readonly facts: RdbKeyFacts = newFacts();

  /** Allocation sizes as the writing server's allocator rounds them. */
  private readonly jemallocSize: (size: number) => number;
  private readonly sdsAllocSize: (length: number) => number;

  constructor(private readonly listener: RdbListener, options: RdbParserOptions = {}) {
    this.verify = options.verifyChecksum ?? true;
    const quantum = options.allocatorQuantum ?? DEFAULT_QUANTUM;
    this.jemallocSize = allocator.sizeClassOf(quantum);
    this.sdsAllocSize = allocator.sdsSizer(quantum);
  }

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

  private keepTrailing(chunk: Uint8Array): void {
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
  private unit(): boolean {
    switch (this.phase) {
      case Phase.Header: return this.header();
      case Phase.Opcode: return this.opcode();
      case Phase.Value: return this.valueStep();
      case Phase.Checksum: return this.checksum();
      default: return false;
    }
  }

  // ---- primitive reads (each throws NEED_MORE when the buffer ends first) ----

  private want(bytes: number): void {
    if (this.pos + bytes > this.limit) {
      if (bytes > MAX_UNIT_BYTES) throw this.formatError(this.pos, `a length of ${bytes} bytes for data that is read whole (at most ${MAX_UNIT_BYTES})`);
      this.needed = this.base + this.pos + bytes;
      throw NEED_MORE;
    }
  }

  private u8(): number {
    if (this.pos >= this.limit) {
      this.needed = this.base + this.pos + 1;
      throw NEED_MORE;
    }
    return this.b[this.pos++];
  }

  private u32le(): number {
    this.want(4);
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  private u64le(): number {
    const low = this.u32le();
    const high = this.u32le();
    return high * 4294967296 + low;
  }

  /** A length; `special` receives the encoding (0-3) when the byte announces an encoded string instead (else -1). */
  private lengthOrEncoding(): number {
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

  private special = -1;
  private lastHigh = 0;
  private lastLow = 0;

  private length(what: string): number {
    const start = this.pos;
    const value = this.lengthOrEncoding();
    if (this.special >= 0) throw this.formatError(start, `an encoded string where ${what} (a length) belongs`);
    return value;
  }

  /** A string whose bytes are needed (key names, blobs, IDs): returns a view (or a decompressed copy; with
   *  `keyScratch`, a view of the key scratch buffer instead, which saves an allocation per compressed key). */
  private stringBytes(keyScratch = false): Uint8Array {
    const start = this.pos;
    const length = this.lengthOrEncoding();
    if (this.special < 0) {
      this.want(length);
      this.pos += length;
      return this.b.subarray(this.pos - length, this.pos);
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
        if (keyScratch && plain > this.keyScratch.length && plain <= MAX_KEY_SCRATCH) this.keyScratch = new Uint8Array(Math.max(plain, 2 * this.keyScratch.length));
        const output = keyScratch && plain <= this.keyScratch.length ? this.keyScratch : new Uint8Array(plain);
        if (lzfDecompressInto(this.b, this.pos, this.pos + compressed, output, plain) !== plain) {
          throw this.formatError(start, `LZF data of ${compressed} bytes does not decompress to ${plain} bytes`);
        }
        this.pos += compressed;
        return output.length === plain ? output : output.subarray(0, plain);
      }
      default:
        throw this.formatError(start, `unknown string encoding ${this.special}`);
    }
  }

  private encodedInteger(): number {
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
  private stringLength(): number {
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

  private lastWasInteger = false;
  private inModuleAux = false;
  /** Bytes of the blob last read by blobString(). */
  private lastBlobBytes = 0;
  private readonly headerScratch = new Uint8Array(1024);
  /** Compressed key names are decompressed here (the key is a view valid until the next key). */
  private keyScratch = new Uint8Array(256);

  /**
   * A compact blob stored as a string (a listpack, ziplist, intset or zipmap value; a quicklist or stream node):
   * returns its entry count, sets lastBlobBytes. An LZF-compressed one is decompressed only as far as its header
   * (size and count), which is most of the parse time saved; the CRC64 at the end still covers every byte. Counts
   * the header cannot give are walked, and so are uncompressed blobs (already in the buffer, cheap to check).
   */
  private blobString(kind: BlobKind, what: string): number {
    const start = this.pos;
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

  /** A module id (a 64-bit length) as the module type's name. */
  private moduleId(): string {
    const id = this.length('the module id');
    return id < 4294967296 ? moduleNameOf(0, id) : moduleNameOf(this.lastHigh, this.lastLow);
  }

  private passOver(bytes: number): void {
    const available = this.limit - this.pos;
    if (bytes <= available) {
      this.pos += bytes;
    } else {
      this.pos = this.limit;
      this.skip = bytes - available;
    }
  }

  // ---- top level ----

  private header(): boolean {
    this.want(9);
    const b = this.b;
    const magic = String.fromCharCode(b[0], b[1], b[2], b[3], b[4]);
    if (magic !== 'REDIS') throw new RdbError('format', 0, `not an RDB file: it starts with ${JSON.stringify(String.fromCharCode(...b.subarray(0, 9)))}, not "REDIS"`);
    const digits = String.fromCharCode(b[5], b[6], b[7], b[8]);
    const version = /^\d{4}$/.test(digits) ? Number(digits) : NaN;
    if (!(version >= 1 && version <= MAX_VERSION)) {
      throw new RdbError('version', 5, `unsupported RDB version "${digits}" (this parser reads versions 1 to ${MAX_VERSION}: Redis up to 7.4, Valkey 7 and 8)`);
    }
    this.version = version;
    this.pos = 9;
    this.phase = Phase.Opcode;
    return true;
  }

  private opcode(): boolean {
    const at = this.pos;
    const type = this.u8();
    if (this.keyOffset < 0) this.keyOffset = this.base + at;
    switch (type) {
      case T.OPCODE_EXPIRETIME_MS: this.expiresAtMs = this.u64le(); return true;
      case T.OPCODE_EXPIRETIME: this.expiresAtMs = this.u32le() * 1000; return true;
      case T.OPCODE_IDLE: this.idleSeconds = this.length('the idle time'); return true;
      case T.OPCODE_FREQ: this.lfuFrequency = this.u8(); return true;
      default: break;
    }
    if (type <= T.TYPE_LAST) {
      if (!VALUE_TYPES[type]) throw this.formatError(at, `unknown value type ${type}`);
      this.beginValue(type);
      return true;
    }
    // Opcodes that are not about a key: forget per-key prefixes (there should be none).
    this.keyOffset = -1;
    switch (type) {
      case T.OPCODE_SELECTDB: this.db = this.length('the database number'); return true;
      case T.OPCODE_RESIZEDB: {
        const size = this.length('the database size');
        const expires = this.length('the expires size');
        this.listener.resizeDb?.(this.db, size, expires);
        return true;
      }
      case T.OPCODE_AUX: {
        const name = latin1(this.stringBytes());
        const value = latin1(this.stringBytes());
        this.listener.aux?.(name, value);
        return true;
      }
      case T.OPCODE_SLOT_INFO:
        this.length('the slot'); this.length('the slot size'); this.length('the slot expires size');
        return true;
      case T.OPCODE_FUNCTION2: {
        const code = this.stringBytes();
        this.listener.functionLibrary?.(code.length);
        return true;
      }
      case T.OPCODE_FUNCTION_PRE_GA: {
        this.stringBytes(); this.stringBytes();
        if (this.length('the description flag')) this.stringBytes();
        const code = this.stringBytes();
        this.listener.functionLibrary?.(code.length);
        return true;
      }
      case T.OPCODE_MODULE_AUX: {
        // Self-describing module data: id, "when" (a UINT opcode and value), then opcodes up to EOF.
        const name = this.moduleId();
        if (this.length('the when opcode') !== T.MODULE_OPCODE_UINT) throw this.formatError(at, `module AUX data of "${name}" without its "when" field`);
        this.length('the when value');
        this.listener.moduleAux?.(name);
        this.keyBytes = EMPTY;
        this.resetFacts(T.TYPE_MODULE_2);
        this.facts.moduleName = name;
        this.phase = Phase.Value;
        this.step = Step.ModuleOpcode;
        this.inModuleAux = true;
        return true;
      }
      case T.OPCODE_EOF:
        this.crc.update(this.b, this.crcFrom, this.pos);
        this.crcFrom = this.pos;
        this.phase = this.version >= 5 ? Phase.Checksum : Phase.Done;
        if (this.phase === Phase.Done) this.finish();
        return this.phase !== Phase.Done;
      default:
        throw this.formatError(at, `unknown opcode ${type} (0x${type.toString(16)})`);
    }
  }

  private checksum(): boolean {
    this.want(8);
    const p = this.pos;
    const zero = this.b.subarray(p, p + 8).every((byte) => byte === 0);
    if (this.verify && !zero && !this.crc.matches(this.b, p)) {
      const stored = [...this.b.subarray(p, p + 8)].reverse().map((x) => x.toString(16).padStart(2, '0')).join('');
      throw new RdbError('checksum', this.base + p, `CRC64 mismatch at byte ${this.base + p}: the file says ${stored}, its content gives ${this.crc.hex()}`);
    }
    this.pos += 8;
    this.crcFrom = this.pos;
    this.finish();
    // Anything after the checksum is trailing data (a diskless transfer's EOF mark).
    if (this.pos < this.limit) this.keepTrailing(this.b.subarray(this.pos, this.limit));
    this.pos = this.limit;
    return false;
  }

  private finish(): void {
    this.phase = Phase.Done;
    this.done = true;
  }

  // ---- values ----

  private beginValue(type: number): void {
    this.valueStart = this.base + this.pos - 1;
    this.keyBytes = this.stringBytes(true);
    this.resetFacts(type);
    this.phase = Phase.Value;
    this.remaining = 0;
    this.remainingInner = 0;
    this.pairPart = 0;
    switch (type) {
      case T.TYPE_STRING: this.step = Step.StringValue; break;
      case T.TYPE_LIST: case T.TYPE_SET: case T.TYPE_ZSET: case T.TYPE_ZSET_2: case T.TYPE_HASH:
      case T.TYPE_HASH_METADATA_PRE_GA: case T.TYPE_LIST_QUICKLIST: case T.TYPE_LIST_QUICKLIST_2:
      case T.TYPE_STREAM_LISTPACKS: case T.TYPE_STREAM_LISTPACKS_2: case T.TYPE_STREAM_LISTPACKS_3:
        this.step = Step.Count; break;
      case T.TYPE_HASH_METADATA: this.step = Step.HashMetaStart; break;
      case T.TYPE_HASH_LISTPACK_EX: this.step = Step.ListpackEx; break;
      case T.TYPE_MODULE_2: this.step = Step.ModuleId; break;
      case T.TYPE_MODULE_PRE_GA:
        throw this.formatError(this.valueStart, `module value of key ${this.keyText()} in the pre-release format (RDB type 6), which is not self-describing`);
      default: this.step = Step.Blob; break;
    }
  }

  private valueStep(): boolean {
    const f = this.facts;
    const type = f.rdbType;
    switch (this.step) {
      case Step.StringValue: {
        // Short strings are read whole to tell the ones Redis keeps as integers.
        const at = this.pos;
        const length = this.lengthOrEncoding();
        if (this.special < 0 && length <= 20) {
          this.want(length);
          f.length = length;
          f.integerString = isCanonicalInteger(this.b, this.pos, length);
          this.pos += length;
        } else {
          this.pos = at;
          f.length = this.stringLength();
          f.integerString = this.lastWasInteger;
        }
        this.step = Step.Finished;
        break;
      }
      case Step.HashMetaStart:
        this.u64le(); // the smallest field expiry, for future use by Redis
        this.step = Step.Count;
        break;
      case Step.ListpackEx:
        this.u64le();
        this.step = Step.Blob;
        break;
      case Step.Count: {
        this.remaining = this.length('an element count');
        if (type === T.TYPE_STREAM_LISTPACKS || type === T.TYPE_STREAM_LISTPACKS_2 || type === T.TYPE_STREAM_LISTPACKS_3) {
          f.stream.listpacks = this.remaining;
          this.rax.reset();
          this.step = this.remaining > 0 ? Step.StreamListpackKey : Step.StreamMeta;
        } else if (type === T.TYPE_LIST_QUICKLIST || type === T.TYPE_LIST_QUICKLIST_2) {
          f.nodes = this.remaining;
          this.step = this.remaining > 0 ? (type === T.TYPE_LIST_QUICKLIST_2 ? Step.QuicklistContainer : Step.QuicklistNode) : Step.Finished;
        } else {
          f.length = this.remaining;
          this.step = this.remaining > 0 ? Step.Elements : Step.Finished;
        }
        break;
      }
      case Step.Elements:
        this.element(type);
        break;
      case Step.Blob: {
        const at = this.pos;
        const entries = this.blobString(BLOB_KINDS[type], f.encoding);
        f.blobBytes = this.lastBlobBytes;
        f.length = type === T.TYPE_HASH_LISTPACK_EX || type === T.TYPE_HASH_LISTPACK_EX_PRE_GA ? entries / 3
          : type === T.TYPE_ZSET_ZIPLIST || type === T.TYPE_ZSET_LISTPACK || type === T.TYPE_HASH_ZIPLIST || type === T.TYPE_HASH_LISTPACK ? entries / 2
            : entries;
        if (!Number.isInteger(f.length)) throw this.formatError(at, `${f.encoding} of key ${this.keyText()} holds ${entries} entries, not whole ${type === T.TYPE_HASH_LISTPACK_EX ? 'triples' : 'pairs'}`);
        this.step = Step.Finished;
        break;
      }
      case Step.QuicklistContainer: {
        const container = this.length('a quicklist node container');
        if (container !== 1 && container !== 2) throw this.formatError(this.pos - 1, `quicklist node container ${container} (1 plain or 2 packed expected)`);
        this.pairPart = container;
        this.step = Step.QuicklistNode;
        break;
      }
      case Step.QuicklistNode: {
        if (this.pairPart === 1) {
          // A plain node: one big element stored as it is.
          const length = this.stringLength();
          f.nodeAllocBytes += this.jemallocSize(length);
          f.length += 1;
        } else if (type === T.TYPE_LIST_QUICKLIST_2) {
          const at = this.pos;
          const entries = this.blobString(BlobKind.Listpack, 'quicklist node');
          if (entries === 0) throw this.formatError(at, `empty quicklist node in key ${this.keyText()}`);
          f.nodeAllocBytes += this.jemallocSize(this.lastBlobBytes);
          f.blobBytes += this.lastBlobBytes;
          f.length += entries;
        } else {
          const at = this.pos;
          const entries = this.blobString(BlobKind.Ziplist, 'quicklist node');
          if (entries === 0) throw this.formatError(at, `empty quicklist node in key ${this.keyText()}`);
          f.nodeAllocBytes += this.jemallocSize(this.lastBlobBytes);
          f.blobBytes += this.lastBlobBytes;
          f.length += entries;
        }
        this.remaining--;
        this.step = this.remaining === 0 ? Step.Finished : type === T.TYPE_LIST_QUICKLIST_2 ? Step.QuicklistContainer : Step.QuicklistNode;
        break;
      }
      case Step.ModuleId: {
        f.moduleName = this.moduleId();
        f.encoding = `module:${f.moduleName}`;
        this.step = Step.ModuleOpcode;
        break;
      }
      case Step.ModuleOpcode: {
        const at = this.pos;
        const opcode = this.length('a module opcode');
        switch (opcode) {
          case T.MODULE_OPCODE_EOF: this.step = Step.Finished; break;
          case T.MODULE_OPCODE_SINT: case T.MODULE_OPCODE_UINT: this.length('a module integer'); break;
          case T.MODULE_OPCODE_FLOAT: this.want(4); this.pos += 4; break;
          case T.MODULE_OPCODE_DOUBLE: this.want(8); this.pos += 8; break;
          case T.MODULE_OPCODE_STRING: this.step = Step.ModuleSkipValue; break;
          default: throw this.formatError(at, `module "${f.moduleName}" data of ${this.keyBytes.length ? `key ${this.keyText()}` : 'module AUX'} has the unknown opcode ${opcode}`);
        }
        break;
      }
      case Step.ModuleSkipValue:
        this.stringLength();
        this.step = Step.ModuleOpcode;
        break;
      default:
        this.streamStep();
        break;
    }
    if (this.step === Step.Finished) {
      this.emit();
    }
    return true;
  }

  /** One element (or one half of a pair) of the hashtable-style encodings. */
  private element(type: number): void {
    const f = this.facts;
    switch (type) {
      case T.TYPE_LIST: case T.TYPE_SET:
        f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
        if (this.lastWasInteger) f.integerElements++;
        this.remaining--;
        break;
      case T.TYPE_ZSET: case T.TYPE_ZSET_2:
        if (this.pairPart === 0) {
          f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
          this.pairPart = 1;
        } else {
          if (type === T.TYPE_ZSET_2) {
            this.want(8);
            this.pos += 8;
          } else {
            const length = this.u8();
            if (length < 253) {
              this.want(length);
              this.pos += length;
            }
          }
          this.pairPart = 0;
          this.remaining--;
        }
        break;
      case T.TYPE_HASH:
        f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
        if (this.pairPart === 0) this.pairPart = 1;
        else (this.pairPart = 0), this.remaining--;
        break;
      default: // hash with field expiry: [ttl][field][value]
        if (this.pairPart === 0) {
          if (this.length('a field expiry') !== 0) f.fieldsWithTtl++;
          this.pairPart = 1;
        } else {
          f.elementAllocBytes += this.sdsAllocSize(this.stringLength());
          if (this.pairPart === 1) this.pairPart = 2;
          else (this.pairPart = 0), this.remaining--;
        }
        break;
    }
    if (this.remaining === 0) this.step = Step.Finished;
  }

  private streamStep(): void {
    const f = this.facts;
    const s = f.stream;
    const type = f.rdbType;
    switch (this.step) {
      case Step.StreamListpackKey: {
        const at = this.pos;
        const id = this.stringBytes();
        if (id.length !== 16) throw this.formatError(at, `stream node key of ${id.length} bytes (16 expected) in key ${this.keyText()}`);
        this.rax.add(id, 0);
        this.step = Step.StreamListpack;
        break;
      }
      case Step.StreamListpack: {
        const at = this.pos;
        if (this.blobString(BlobKind.Listpack, 'stream listpack') === 0) throw this.formatError(at, `empty listpack in stream ${this.keyText()}`);
        const bytes = this.lastBlobBytes;
        s.listpackBytes += bytes;
        s.lastListpackBytes = bytes;
        s.listpackAllocBytes += this.jemallocSize(bytes);
        this.remaining--;
        this.step = this.remaining > 0 ? Step.StreamListpackKey : Step.StreamMeta;
        break;
      }
      case Step.StreamMeta: {
        s.raxNodes = this.rax.nodes;
        f.length = this.length('the stream length');
        this.length('the last ID'); this.length('the last ID');
        if (type >= T.TYPE_STREAM_LISTPACKS_2) {
          this.length('the first ID'); this.length('the first ID');
          this.length('the max deleted ID'); this.length('the max deleted ID');
          this.length('entries added');
        }
        this.step = Step.StreamGroupCount;
        break;
      }
      case Step.StreamGroupCount:
        s.groups = this.remaining = this.length('the consumer group count');
        this.step = this.remaining > 0 ? Step.StreamGroupName : Step.Finished;
        break;
      case Step.StreamGroupName:
        this.stringLength();
        this.step = Step.StreamGroupMeta;
        break;
      case Step.StreamGroupMeta:
        this.length('a group last ID'); this.length('a group last ID');
        if (type >= T.TYPE_STREAM_LISTPACKS_2) this.length('a group offset');
        this.step = Step.StreamGroupPelCount;
        break;
      case Step.StreamGroupPelCount:
        this.remainingInner = this.length('a group PEL size');
        s.groupPelEntries += this.remainingInner;
        this.pelRax.reset();
        this.step = this.remainingInner > 0 ? Step.StreamGroupPel : Step.StreamConsumerCount;
        break;
      case Step.StreamGroupPel:
        this.want(16);
        this.pelRax.add(this.b, this.pos);
        this.pos += 16;
        this.u64le(); // delivery time
        this.length('a delivery count');
        if (--this.remainingInner === 0) {
          s.groupPelRaxNodes += this.pelRax.nodes;
          this.step = Step.StreamConsumerCount;
        }
        break;
      case Step.StreamConsumerCount:
        this.remainingInner = this.length('a consumer count');
        s.consumers += this.remainingInner;
        this.step = this.remainingInner > 0 ? Step.StreamConsumerName : this.nextGroup();
        break;
      case Step.StreamConsumerName:
        s.consumerNameBytes += this.stringLength();
        this.step = Step.StreamConsumerMeta;
        break;
      case Step.StreamConsumerMeta:
        this.u64le(); // seen time
        if (type >= T.TYPE_STREAM_LISTPACKS_3) this.u64le(); // active time
        this.step = Step.StreamConsumerPelCount;
        break;
      case Step.StreamConsumerPelCount:
        this.pairPart = this.length('a consumer PEL size');
        s.consumerPelEntries += this.pairPart;
        this.pelRax.reset();
        this.step = this.pairPart > 0 ? Step.StreamConsumerPel : this.nextConsumer();
        break;
      case Step.StreamConsumerPel:
        this.want(16);
        this.pelRax.add(this.b, this.pos);
        this.pos += 16;
        if (--this.pairPart === 0) {
          s.consumerPelRaxNodes += this.pelRax.nodes;
          this.step = this.nextConsumer();
        }
        break;
      default:
        throw this.formatError(this.pos, `internal parser state ${this.step}`);
    }
  }

  private nextConsumer(): Step {
    return --this.remainingInner > 0 ? Step.StreamConsumerName : this.nextGroup();
  }

  private nextGroup(): Step {
    return --this.remaining > 0 ? Step.StreamGroupName : Step.Finished;
  }

  private emit(): void {
    const f = this.facts;
    this.phase = Phase.Opcode;
    if (this.inModuleAux) {
      this.inModuleAux = false; // module AUX data, not a key
      return;
    }
    f.offset = this.keyOffset >= 0 ? this.keyOffset : this.valueStart;
    f.db = this.db;
    f.key = this.keyBytes;
    f.expiresAtMs = this.expiresAtMs;
    f.idleSeconds = this.idleSeconds;
    f.lfuFrequency = this.lfuFrequency;
    // Skipped bytes are still ahead of pos: the value ends where the skip does.
    f.valueBytes = this.base + this.pos + this.skip - this.valueStart;
    this.keys++;
    this.listener.key(f);
    this.expiresAtMs = -1;
    this.idleSeconds = -1;
    this.lfuFrequency = -1;
    this.keyOffset = -1;
    this.keyBytes = EMPTY;
  }

  private resetFacts(type: number): void {
    const f = this.facts;
    f.rdbType = type;
    f.type = VALUE_TYPES[type]![0];
    f.encoding = VALUE_TYPES[type]![1];
    f.length = 0;
    f.integerString = false;
    f.blobBytes = 0;
    f.nodes = 0;
    f.nodeAllocBytes = 0;
    f.elementAllocBytes = 0;
    f.fieldsWithTtl = 0;
    f.integerElements = 0;
    f.moduleName = '';
    const s = f.stream;
    s.listpacks = s.raxNodes = s.listpackBytes = s.lastListpackBytes = s.listpackAllocBytes = 0;
    s.groups = s.groupPelEntries = s.groupPelRaxNodes = s.consumers = s.consumerNameBytes = s.consumerPelEntries = s.consumerPelRaxNodes = 0;
  }

  // ---- errors ----

  private keyText(): string {
    const text = latin1(this.keyBytes.subarray(0, 60));
    return JSON.stringify(this.keyBytes.length > 60 ? text + '…' : text);
  }

  /** What the parser is in the middle of, for error messages. */
  private describe(): string {
    switch (this.phase) {
      case Phase.Header: return 'the 9-byte header';
      case Phase.Checksum: return 'the CRC64 checksum after the EOF opcode';
      case Phase.Opcode: return this.keys === 0 ? 'the opcode after the header (metadata or the first key)' : `the opcode after key #${this.keys}`;
      default: {
        const f = this.facts;
        if (this.inModuleAux) return `module AUX data of "${f.moduleName}"`;
        return `the ${f.type} value (${f.encoding}) of key ${this.keyText()} in db ${this.db}, which starts at byte ${this.valueStart}`;
      }
    }
  }

  private formatError(at: number, what: string): RdbError {
    return new RdbError('format', this.base + at, `corrupt RDB at byte ${this.base + at}: ${what} (while reading ${this.describe()})`);
  }
}

/** RDB type byte → [TYPE name, encoding as stored]. */
const VALUE_TYPES: Array<[RdbValueType, string] | undefined> = [];
VALUE_TYPES[T.TYPE_STRING] = ['string', 'string'];
VALUE_TYPES[T.TYPE_LIST] = ['list', 'linkedlist'];
VALUE_TYPES[T.TYPE_SET] = ['set', 'hashtable'];
VALUE_TYPES[T.TYPE_ZSET] = ['zset', 'skiplist'];
VALUE_TYPES[T.TYPE_HASH] = ['hash', 'hashtable'];
VALUE_TYPES[T.TYPE_ZSET_2] = ['zset', 'skiplist'];
VALUE_TYPES[T.TYPE_MODULE_PRE_GA] = ['module', 'module'];
VALUE_TYPES[T.TYPE_MODULE_2] = ['module', 'module'];
VALUE_TYPES[T.TYPE_HASH_ZIPMAP] = ['hash', 'zipmap'];
VALUE_TYPES[T.TYPE_LIST_ZIPLIST] = ['list', 'ziplist'];
VALUE_TYPES[T.TYPE_SET_INTSET] = ['set', 'intset'];
VALUE_TYPES[T.TYPE_ZSET_ZIPLIST] = ['zset', 'ziplist'];
VALUE_TYPES[T.TYPE_HASH_ZIPLIST] = ['hash', 'ziplist'];
VALUE_TYPES[T.TYPE_LIST_QUICKLIST] = ['list', 'quicklist'];
VALUE_TYPES[T.TYPE_STREAM_LISTPACKS] = ['stream', 'stream'];
VALUE_TYPES[T.TYPE_HASH_LISTPACK] = ['hash', 'listpack'];
VALUE_TYPES[T.TYPE_ZSET_LISTPACK] = ['zset', 'listpack'];
VALUE_TYPES[T.TYPE_LIST_QUICKLIST_2] = ['list', 'quicklist'];
VALUE_TYPES[T.TYPE_STREAM_LISTPACKS_2] = ['stream', 'stream'];
VALUE_TYPES[T.TYPE_SET_LISTPACK] = ['set', 'listpack'];
VALUE_TYPES[T.TYPE_STREAM_LISTPACKS_3] = ['stream', 'stream'];
VALUE_TYPES[T.TYPE_HASH_METADATA_PRE_GA] = ['hash', 'hashtable'];
VALUE_TYPES[T.TYPE_HASH_LISTPACK_EX_PRE_GA] = ['hash', 'listpackex'];
VALUE_TYPES[T.TYPE_HASH_METADATA] = ['hash', 'hashtable'];
VALUE_TYPES[T.TYPE_HASH_LISTPACK_EX] = ['hash', 'listpackex'];

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

function newFacts(): RdbKeyFacts {
  return {
    offset: 0, db: 0, key: EMPTY, type: 'string', rdbType: 0, encoding: 'string', length: 0, expiresAtMs: -1, idleSeconds: -1,
    lfuFrequency: -1, valueBytes: 0, integerString: false, blobBytes: 0, nodes: 0, nodeAllocBytes: 0, elementAllocBytes: 0,
    fieldsWithTtl: 0, integerElements: 0, moduleName: '',
    stream: {
      listpacks: 0, raxNodes: 0, listpackBytes: 0, lastListpackBytes: 0, listpackAllocBytes: 0, groups: 0, groupPelEntries: 0,
      groupPelRaxNodes: 0, consumers: 0, consumerNameBytes: 0, consumerPelEntries: 0, consumerPelRaxNodes: 0,
    },
  };
}

/** Digits (and sign) of a 32-bit integer as Redis would print it. */
function decimalLength(value: number): number {
  let digits = value < 0 ? 2 : 1;
  let rest = value < 0 ? -value : value;
  while (rest >= 10) {
    rest = Math.floor(rest / 10);
    digits++;
  }
  return digits;
}

/** Whether bytes are an integer as Redis's string2ll accepts it (no sign but '-', no leading zeros, fits 64 bits). */
function isCanonicalInteger(b: Uint8Array, start: number, length: number): boolean {
  if (length === 0 || length > 20) return false;
  let p = start;
  const end = start + length;
  if (b[p] === 0x2d) {
    p++;
    if (p === end) return false;
  }
  if (b[p] === 0x30) return length === 1;
  for (let i = p; i < end; i++) if (b[i] < 0x30 || b[i] > 0x39) return false;
  if (end - p < 19) return true;
  // 19-20 digits: compare against the 64-bit limits as text.
  const digits = latin1(b.subarray(p, end));
  const limit = b[start] === 0x2d ? '9223372036854775808' : '9223372036854775807';
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit);
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

/** The module type name packed into the top 54 bits of a 64-bit module id (nine 6-bit characters). */
function moduleNameOf(high: number, low: number): string {
  let name = '';
  // id >> 10, then 6 bits per character, most significant first.
  const shifted = high * 4194304 + Math.floor(low / 1024); // (high << 22) | (low >>> 10): up to 2^54, exact in a double
  let rest = shifted;
  for (let i = 8; i >= 0; i--) {
    const divisor = 2 ** (6 * i);
    const index = Math.floor(rest / divisor) % 64;
    name += MODULE_NAME_CHARSET[index];
    rest -= Math.floor(rest / divisor) % 64 * divisor;
  }
  return name;
}
