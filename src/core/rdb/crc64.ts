/** CRC-64/Jones as Redis computes it for RDB files (reflected, poly 0xad93d23594c935a9, init 0, no final xor). */

// The 64-bit state is kept as two 32-bit halves: BigInt per byte would cap throughput far below the parser's.
// Int32Array, not Uint32Array: values above 2^31 would be loaded as doubles, and the XORs are 32-bit anyway.
// Slicing-by-8 with the halves interleaved (TABLE[2i] low, TABLE[2i+1] high): a lookup pair shares a cache line.
const TABLE = new Int32Array(256 * 8 * 2);
(() => {
  const polyLow = 0x94c935a9;
  const polyHigh = 0xad93d235;
  // Reflected polynomial: bit-reverse the 64-bit constant.
  let reflectedLow = 0;
  let reflectedHigh = 0;
  for (let bit = 0; bit < 64; bit++) {
    const set = bit < 32 ? (polyLow >>> bit) & 1 : (polyHigh >>> (bit - 32)) & 1;
    const target = 63 - bit;
    if (set) {
      if (target < 32) reflectedLow |= 1 << target;
      else reflectedHigh |= 1 << (target - 32);
    }
  }
  reflectedLow >>>= 0;
  reflectedHigh >>>= 0;
  for (let n = 0; n < 256; n++) {
    let low = n;
    let high = 0;
    for (let k = 0; k < 8; k++) {
      const carry = low & 1;
      low = ((low >>> 1) | (high << 31)) >>> 0;
      high >>>= 1;
      if (carry) {
        low = (low ^ reflectedLow) >>> 0;
        high = (high ^ reflectedHigh) >>> 0;
      }
    }
    TABLE[2 * n] = low;
    TABLE[2 * n + 1] = high;
  }
  // Slicing-by-8 tables: table[k][n] = crc of byte n followed by k zero bytes.
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const low = TABLE[2 * ((k - 1) * 256 + n)];
      const high = TABLE[2 * ((k - 1) * 256 + n) + 1];
      const index = 2 * (low & 0xff);
      TABLE[2 * (k * 256 + n)] = TABLE[index] ^ ((low >>> 8) | (high << 24));
      TABLE[2 * (k * 256 + n) + 1] = TABLE[index + 1] ^ (high >>> 8);
    }
  }
})();

/** Aligned words can be read as Int32Array elements only where they are stored little-endian, like the file. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The running state of a CRC-64: the low and high 32 bits. */
export interface Crc64State {
  low: number;
  high: number;
}

/** A running CRC-64 over bytes fed in order. */
export class Crc64 implements Crc64State {
  low = 0;
  high = 0;

  update(bytes: Uint8Array, start = 0, end = bytes.length): void {
    if (KERNEL && end - start >= KERNEL_MIN_BYTES) KERNEL(this, bytes, start, end);
    else crc64UpdateJs(this, bytes, start, end);
  }

  /** The CRC as 16 lowercase hex digits. */
  hex(): string {
    return this.high.toString(16).padStart(8, '0') + this.low.toString(16).padStart(8, '0');
  }

  /** Whether the 8 little-endian bytes at `offset` equal this CRC. */
  matches(bytes: Uint8Array, offset: number): boolean {
    const low = (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
    const high = (bytes[offset + 4] | (bytes[offset + 5] << 8) | (bytes[offset + 6] << 16) | (bytes[offset + 7] << 24)) >>> 0;
    return low === this.low && high === this.high;
  }
}

/** The CRC in plain JavaScript, slicing-by-8 over 32-bit halves: the reference, and the path without WebAssembly. */
export function crc64UpdateJs(state: Crc64State, bytes: Uint8Array, start = 0, end = bytes.length): void {
  let low = state.low | 0;
  let high = state.high | 0;
  let i = start;
  const t = TABLE;
  // Byte by byte up to a 4-byte boundary of the underlying memory, then 8 bytes per step read as two words
  // (a third of the parse went to the byte loads and shifts of assembling them).
  while (i < end && (!LITTLE_ENDIAN || ((bytes.byteOffset + i) & 3) !== 0)) {
    const index = 2 * ((low ^ bytes[i]) & 0xff);
    low = t[index] ^ ((low >>> 8) | (high << 24));
    high = t[index + 1] ^ (high >>> 8);
    i++;
  }
  if (end - i >= 8) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >>> 2);
    const pairs = words.length & ~1;
    for (let w = 0; w < pairs; w += 2) {
      const a = low ^ words[w];
      const b = high ^ words[w + 1];
      const a0 = 3584 + ((a & 0xff) << 1), a1 = 3072 + ((a >>> 7) & 0x1fe), a2 = 2560 + ((a >>> 15) & 0x1fe), a3 = 2048 + ((a >>> 23) & 0x1fe);
      const b0 = 1536 + ((b & 0xff) << 1), b1 = 1024 + ((b >>> 7) & 0x1fe), b2 = 512 + ((b >>> 15) & 0x1fe), b3 = (b >>> 23) & 0x1fe;
      low = t[a0] ^ t[a1] ^ t[a2] ^ t[a3] ^ t[b0] ^ t[b1] ^ t[b2] ^ t[b3];
      high = t[a0 + 1] ^ t[a1 + 1] ^ t[a2 + 1] ^ t[a3 + 1] ^ t[b0 + 1] ^ t[b1 + 1] ^ t[b2 + 1] ^ t[b3 + 1];
    }
    i += pairs * 4;
  }
  for (; i < end; i++) {
    const index = 2 * ((low ^ bytes[i]) & 0xff);
    low = t[index] ^ ((low >>> 8) | (high << 24));
    high = t[index + 1] ^ (high >>> 8);
  }
  state.low = low >>> 0;
  state.high = high >>> 0;
}

// ---- the same CRC in WebAssembly ----
// V8 keeps the 64-bit state as two 32-bit halves above, so every step costs twice the table loads; WebAssembly has
// 64-bit integers, and at slicing-by-16 its loop is about 1.8x faster (75 MB of RDB: about 100 -> 55 ms, some 5%
// of a parse with analysis). Hand-assembled (no toolchain, 464 bytes); its answers are checked against the
// JavaScript above in the tests, which stays the path wherever WebAssembly is missing.

/** Ranges shorter than this stay in JavaScript (copying them into the module's memory costs more than it saves). */
const KERNEL_MIN_BYTES = 256;
/** Module memory: the state (8 bytes), 16 tables of 256 little-endian 64-bit entries, then the bytes of one window. */
const STATE_AT = 0;
const TABLES_AT = 64;
const DATA_AT = TABLES_AT + 16 * 256 * 8;
const WINDOW = 1 << 16;
const PAGES = Math.ceil((DATA_AT + WINDOW) / 65536);

type Kernel = (state: Crc64State, bytes: Uint8Array, start: number, end: number) => void;
const KERNEL: Kernel | undefined = makeKernel();
/** Which loop Crc64 runs for ranges of KERNEL_MIN_BYTES or more. */
export const CRC64_KERNEL: 'webassembly' | 'javascript' = KERNEL ? 'webassembly' : 'javascript';

function makeKernel(): Kernel | undefined {
  if (typeof WebAssembly !== 'object') return undefined;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(crcModuleBytes()));
    const memory = instance.exports.memory as WebAssembly.Memory;
    const crc = instance.exports.crc as (length: number) => void;
    const view = new DataView(memory.buffer);
    const bytesOfMemory = new Uint8Array(memory.buffer);
    // Tables 0-7 as above (stored little-endian whatever this machine is), 8-15 extended the same way.
    const word = (k: number, n: number, half: number) => view.getInt32(TABLES_AT + (k * 256 + n) * 8 + half * 4, true);
    for (let k = 0; k < 16; k++) {
      for (let n = 0; n < 256; n++) {
        let low: number;
        let high: number;
        if (k < 8) {
          low = TABLE[2 * (k * 256 + n)];
          high = TABLE[2 * (k * 256 + n) + 1];
        } else {
          const previousLow = word(k - 1, n, 0);
          const previousHigh = word(k - 1, n, 1);
          low = word(0, previousLow & 0xff, 0) ^ ((previousLow >>> 8) | (previousHigh << 24));
          high = word(0, previousLow & 0xff, 1) ^ (previousHigh >>> 8);
        }
        view.setInt32(TABLES_AT + (k * 256 + n) * 8, low, true);
        view.setInt32(TABLES_AT + (k * 256 + n) * 8 + 4, high, true);
      }
    }
    return (state, bytes, start, end) => {
      view.setInt32(STATE_AT, state.low, true);
      view.setInt32(STATE_AT + 4, state.high, true);
      for (let at = start; at < end; at += WINDOW) {
        const length = Math.min(WINDOW, end - at);
        bytesOfMemory.set(bytes.subarray(at, at + length), DATA_AT);
        crc(length);
      }
      state.low = view.getUint32(STATE_AT, true);
      state.high = view.getUint32(STATE_AT + 4, true);
    };
  } catch {
    return undefined;
  }
}

/**
 * The module: memory `memory` (exported), and `crc(length)`, which advances the state at STATE_AT over `length`
 * bytes at DATA_AT. Reflected CRC, so with x = state ^ the next 8 bytes and y = the 8 after, the state becomes the
 * XOR of table 15 - j at byte j of x and table 7 - j at byte j of y; the last bytes one at a time through table 0.
 */
function crcModuleBytes(): Uint8Array<ArrayBuffer> {
  const unsigned = (n: number): number[] => {
    const out: number[] = [];
    do {
      const byte = n & 0x7f;
      n >>>= 7;
      out.push(n ? byte | 0x80 : byte);
    } while (n);
    return out;
  };
  const signed = (n: number): number[] => {
    const out: number[] = [];
    for (;;) {
      const byte = n & 0x7f;
      n >>= 7;
      if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
      out.push(byte | 0x80);
    }
  };
  const vector = (items: number[][]) => [...unsigned(items.length), ...items.flat()];
  const section = (id: number, body: number[]) => [id, ...unsigned(body.length), ...body];
  const I32 = 0x7f;
  const I64 = 0x7e;
  const op = {
    block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, void: 0x40,
    localGet: 0x20, localSet: 0x21, i32Const: 0x41, i64Const: 0x42,
    i64Load: 0x29, i64Load8u: 0x31, i64Store: 0x37,
    i32LtU: 0x49, i32GeU: 0x4f, i32Add: 0x6a, i32Sub: 0x6b, i32And: 0x71, i32Shl: 0x74,
    i64Xor: 0x85, i64ShrU: 0x88, i32WrapI64: 0xa7,
  };
  // Locals: 0 length (the parameter), 1 p, 2 end (i32); 3 state, 4 x, 5 y (i64).
  const [LENGTH, P, END, STATE, X, Y] = [0, 1, 2, 3, 4, 5];
  const get = (local: number) => [op.localGet, local];
  const set = (local: number) => [op.localSet, local];
  const i32 = (n: number) => [op.i32Const, ...signed(n)];
  const i64 = (n: number) => [op.i64Const, ...signed(n)];
  const load64 = (offset: number) => [op.i64Load, 3, ...unsigned(offset)];
  /** Entry (local >> shift) & 0xff of table k. */
  const lookup = (local: number, shift: number, k: number) => [
    ...get(local), ...(shift ? [...i64(shift), op.i64ShrU] : []), op.i32WrapI64, ...i32(0xff), op.i32And, ...i32(3), op.i32Shl, ...load64(TABLES_AT + k * 2048),
  ];
  const sixteenLookups: number[] = [];
  for (let j = 0; j < 8; j++) sixteenLookups.push(...lookup(X, 8 * j, 15 - j), ...(j ? [op.i64Xor] : []));
  for (let j = 0; j < 8; j++) sixteenLookups.push(...lookup(Y, 8 * j, 7 - j), op.i64Xor);
  const body = [
    ...vector([[2, I32], [3, I64]]),
    ...i32(DATA_AT), ...set(P),
    ...i32(DATA_AT), ...get(LENGTH), op.i32Add, ...set(END),
    ...i32(STATE_AT), ...load64(0), ...set(STATE),
    op.block, op.void, op.loop, op.void,
    ...get(END), ...get(P), op.i32Sub, ...i32(16), op.i32LtU, op.brIf, 1,
    ...get(STATE), ...get(P), ...load64(0), op.i64Xor, ...set(X),
    ...get(P), ...load64(8), ...set(Y),
    ...sixteenLookups, ...set(STATE),
    ...get(P), ...i32(16), op.i32Add, ...set(P),
    op.br, 0, op.end, op.end,
    op.block, op.void, op.loop, op.void,
    ...get(P), ...get(END), op.i32GeU, op.brIf, 1,
    ...get(STATE), ...get(P), op.i64Load8u, 0, 0, op.i64Xor, op.i32WrapI64, ...i32(0xff), op.i32And, ...i32(3), op.i32Shl, ...load64(TABLES_AT),
    ...get(STATE), ...i64(8), op.i64ShrU, op.i64Xor, ...set(STATE),
    ...get(P), ...i32(1), op.i32Add, ...set(P),
    op.br, 0, op.end, op.end,
    ...i32(STATE_AT), ...get(STATE), op.i64Store, 3, 0,
    op.end,
  ];
  const name = (text: string) => [...unsigned(text.length), ...[...text].map((c) => c.charCodeAt(0))];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, ...vector([[I32]]), ...vector([])]])), // type 0: (i32) -> ()
    ...section(3, vector([[0]])), // function 0 has type 0
    ...section(5, vector([[0x00, ...unsigned(PAGES)]])), // one memory of PAGES pages
    ...section(7, vector([[...name('crc'), 0x00, 0], [...name('memory'), 0x02, 0]])),
    ...section(10, vector([[...unsigned(body.length), ...body]])),
  ]);
}
