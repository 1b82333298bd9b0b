/** RDB files built byte by byte as rdb.c writes them (lengths, strings, LZF strings, a real CRC64 trailer), for tests. */
import { Crc64 } from '../../../../src/core/rdb/crc64';

export const bytes = (...parts: Array<number[] | Uint8Array | string>): Uint8Array => {
  const arrays = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) out.set(a, at), (at += a.length);
  return out;
};
export const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
export const u64le = (n: number) => [...u32le(n % 2 ** 32), ...u32le(Math.floor(n / 2 ** 32))];
/** rdbSaveLen */
export const len = (n: number): number[] => (n < 64 ? [n] : n < 16384 ? [0x40 | (n >> 8), n & 255] : [0x80, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
export const str = (s: string | Uint8Array) => {
  const b = typeof s === 'string' ? new TextEncoder().encode(s) : s;
  return bytes(len(b.length), b);
};

/** An LZF-encoded RDB string made of literal runs only (valid LZF: a control byte < 32 announces that many + 1 bytes). */
export function lzfString(data: string | Uint8Array): Uint8Array {
  const plain = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const runs: number[] = [];
  for (let i = 0; i < plain.length; i += 32) runs.push(Math.min(32, plain.length - i) - 1, ...plain.subarray(i, i + 32));
  return bytes([0xc3], len(runs.length), len(plain.length), runs);
}

export function rdb(version: number, ...body: Uint8Array[]): Uint8Array {
  const content = bytes(`REDIS${String(version).padStart(4, '0')}`, ...body, [0xff]);
  const crc = new Crc64();
  crc.update(content);
  const sum = [...Array(8)].map((_, i) => parseInt(crc.hex().slice(14 - 2 * i, 16 - 2 * i), 16));
  return bytes(content, sum);
}
