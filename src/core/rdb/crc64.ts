/** CRC-64/Jones as Redis computes it for RDB files (reflected, poly 0xad93d23594c935a9, init 0, no final xor). */

// The 64-bit state is kept as two uint32 halves: BigInt per byte would cap throughput far below the parser's.
// Int32Array, not Uint32Array: values above 2^31 would be loaded as doubles, and the XORs are 32-bit anyway.
const TABLE_LOW = new Int32Array(256 * 8);
const TABLE_HIGH = new Int32Array(256 * 8);
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
    TABLE_LOW[n] = low;
    TABLE_HIGH[n] = high;
  }
  // Slicing-by-8 tables: table[k][n] = crc of byte n followed by k zero bytes.
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const low = TABLE_LOW[(k - 1) * 256 + n];
      const high = TABLE_HIGH[(k - 1) * 256 + n];
      const index = low & 0xff;
      TABLE_LOW[k * 256 + n] = TABLE_LOW[index] ^ ((low >>> 8) | (high << 24));
      TABLE_HIGH[k * 256 + n] = TABLE_HIGH[index] ^ (high >>> 8);
    }
  }
})();

/** A running CRC-64 over bytes fed in order. */
export class Crc64 {
  low = 0;
  high = 0;

  update(bytes: Uint8Array, start = 0, end = bytes.length): void {
    let low = this.low;
    let high = this.high;
    let i = start;
    const tl = TABLE_LOW;
    const th = TABLE_HIGH;
    for (; i + 8 <= end; i += 8) {
      const a = low ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
      const b = high ^ (bytes[i + 4] | (bytes[i + 5] << 8) | (bytes[i + 6] << 16) | (bytes[i + 7] << 24));
      low = tl[1792 + (a & 0xff)] ^ tl[1536 + ((a >>> 8) & 0xff)] ^ tl[1280 + ((a >>> 16) & 0xff)] ^ tl[1024 + (a >>> 24)] ^
        tl[768 + (b & 0xff)] ^ tl[512 + ((b >>> 8) & 0xff)] ^ tl[256 + ((b >>> 16) & 0xff)] ^ tl[b >>> 24];
      high = th[1792 + (a & 0xff)] ^ th[1536 + ((a >>> 8) & 0xff)] ^ th[1280 + ((a >>> 16) & 0xff)] ^ th[1024 + (a >>> 24)] ^
        th[768 + (b & 0xff)] ^ th[512 + ((b >>> 8) & 0xff)] ^ th[256 + ((b >>> 16) & 0xff)] ^ th[b >>> 24];
    }
    for (; i < end; i++) {
      const index = (low ^ bytes[i]) & 0xff;
      low = tl[index] ^ ((low >>> 8) | (high << 24));
      high = th[index] ^ (high >>> 8);
    }
    this.low = low >>> 0;
    this.high = high >>> 0;
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
