/**
 * A streaming RDB parser: push bytes as they arrive (`push`), call `end()` when the input ends. It reports
 * per-key facts (type, encoding, counts, sizes of what the server allocates, expiry, LRU/LFU) and never keeps
 * a value: big strings are skipped across chunks, and only the unit being read (a key name, one listpack) is
 * ever held. RDB versions 1-12 (Redis 2.x to 7.4, Valkey 7/8); CRC64 checked at the end.
 *
 * Layers, one purpose each: RdbCursor (chunks, CRC64, primitive reads), RdbValueReader (the value programs of
 * every type), RdbParser (the file: header, opcodes, keys, checksum).
 */
import * as allocator from './allocator';
import * as constants from './rdbConstants';
import * as cursor from './rdbCursor';
import * as text from './rdbText';
import * as values from './rdbValues';
import { RdbValueReader } from './rdbValues';
import { RdbError, type RdbListener } from './types';

// Local bindings of what the per-key paths use (imported names compiled to CommonJS are read through getters).
const T = { ...constants };
const { EMPTY } = cursor;
const { latin1 } = text;
const { VALUE_TYPES } = values;
/** Builds from source (Redis's own jemalloc, Docker images, Valkey) round to 8 bytes; see allocator.ts. */
export const DEFAULT_QUANTUM: allocator.AllocatorQuantum = 8;
const MAX_VERSION = 12;

/** Parse phases: what the next unit is. */
const enum Phase {
  Header, Opcode, Checksum, Done,
  /** Inside a value: the type-specific program in `valueStep`. */
  Value,
}

export interface RdbParserOptions {
  /** Check the CRC64 trailer (default true). A trailer of zeros means the writer had rdbchecksum off. */
  verifyChecksum?: boolean;
  /** The writing server's jemalloc quantum (see allocator.ts); allocation sizes are counted with it. Default 8. */
  allocatorQuantum?: allocator.AllocatorQuantum;
}

export class RdbParser extends RdbValueReader {
  /** RDB version from the header (0 until read). */
  version = 0;
  /** Keys reported so far. */
  keys = 0;
  private readonly verify: boolean;
  private phase = Phase.Header;
  private db = 0;

  constructor(private readonly listener: RdbListener, options: RdbParserOptions = {}) {
    super(options.allocatorQuantum ?? DEFAULT_QUANTUM);
    this.verify = options.verifyChecksum ?? true;
  }

  protected unit(): boolean {
    switch (this.phase) {
      case Phase.Header: return this.header();
      case Phase.Opcode: return this.opcode();
      case Phase.Value: return this.valueStep();
      case Phase.Checksum: return this.checksum();
      default: return false;
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
      this.phase = Phase.Value;
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
        this.beginModuleAux(name);
        this.phase = Phase.Value;
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

  protected emit(): void {
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

  /** What the parser is in the middle of, for error messages. */
  protected describe(): string {
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

}
