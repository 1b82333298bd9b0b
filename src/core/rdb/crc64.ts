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

/** A running CRC-64 over bytes fed in order. */
export class Crc64 {
  low = 0;
  high = 0;

  update(bytes: Uint8Array, start = 0, end = bytes.length): void {
    let low = this.low | 0;
    let high = this.high | 0;
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
