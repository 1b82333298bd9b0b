/** LZF decompression (liblzf's lzf_decompress, as Redis uses it for compressed RDB strings). */

/** Decompress `input[start, end)` into exactly `outputLength` bytes; returns undefined when the data is corrupt. */
export function lzfDecompress(input: Uint8Array, start: number, end: number, outputLength: number): Uint8Array | undefined {
  const output = new Uint8Array(outputLength);
  return lzfDecompressInto(input, start, end, output, outputLength) === outputLength ? output : undefined;
}

/**
 * Decompress into `output` (at least `outputLength` long) until `stopAfter` bytes are out (the first bytes of a
 * listpack hold its header); returns the bytes written, or -1 when the data is corrupt.
 */
export function lzfDecompressInto(input: Uint8Array, start: number, end: number, output: Uint8Array, outputLength: number, stopAfter = outputLength): number {
  let ip = start;
  let op = 0;
  while (ip < end && op < stopAfter) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      // Literal run of ctrl + 1 bytes.
      const length = ctrl + 1;
      if (op + length > outputLength || ip + length > end) return -1;
      for (let i = 0; i < length; i++) output[op++] = input[ip++];
    } else {
      // Back reference: length in the top 3 bits (7 = one more length byte), 13-bit distance.
      let length = ctrl >>> 5;
      if (length === 7) {
        if (ip >= end) return -1;
        length += input[ip++];
      }
      if (ip >= end) return -1;
      let ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
      length += 2;
      if (op + length > outputLength || ref < 0) return -1;
      if (ref + length <= op) {
        output.copyWithin(op, ref, ref + length);
        op += length;
      } else {
        // Overlapping: a run that repeats the bytes being written.
        for (let i = 0; i < length; i++) output[op++] = output[ref++];
      }
    }
  }
  return op;
}
