/** LZF decompression (liblzf's lzf_decompress, as Redis uses it for compressed RDB strings). */

/** Decompress `input[start, end)` into exactly `outputLength` bytes; returns undefined when the data is corrupt. */
export function lzfDecompress(input: Uint8Array, start: number, end: number, outputLength: number): Uint8Array | undefined {
  const output = new Uint8Array(outputLength);
  let ip = start;
  let op = 0;
  while (ip < end) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      // Literal run of ctrl + 1 bytes.
      const length = ctrl + 1;
      if (op + length > outputLength || ip + length > end) return undefined;
      output.set(input.subarray(ip, ip + length), op);
      op += length;
      ip += length;
    } else {
      // Back reference: length in the top 3 bits (7 = one more length byte), 13-bit distance.
      let length = ctrl >>> 5;
      if (length === 7) {
        if (ip >= end) return undefined;
        length += input[ip++];
      }
      if (ip >= end) return undefined;
      let ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
      length += 2;
      if (op + length > outputLength || ref < 0) return undefined;
      // Byte by byte: the reference may overlap the bytes being written.
      for (let i = 0; i < length; i++) output[op++] = output[ref++];
    }
  }
  return op === outputLength ? output : undefined;
}
