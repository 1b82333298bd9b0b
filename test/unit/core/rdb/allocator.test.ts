/** jemalloc's size classes for both quanta a Redis build can have, and reading the quantum a server states. */
import { describe, expect, it } from 'vitest';
import { jemallocSize, jemallocSize8, quantumFromMallocStats, sdsSizer } from '../../../../src/core/rdb/allocator';

describe('jemalloc size classes', () => {
  it('rounds to 16 bytes up to 128 with a 16-byte quantum (system jemalloc), to 8 up to 64 with an 8-byte one', () => {
    expect([1, 9, 17, 24, 33, 44, 65, 120, 129].map(jemallocSize)).toEqual([8, 16, 32, 32, 48, 48, 80, 128, 160]);
    expect([1, 9, 17, 24, 33, 44, 65, 120, 129].map(jemallocSize8)).toEqual([8, 16, 24, 24, 40, 48, 80, 128, 160]);
  });

  it('uses four classes per doubling above that, for both', () => {
    for (const size of [200, 300, 5000, 70_000]) expect(jemallocSize8(size)).toBe(jemallocSize(size));
    expect(jemallocSize(5000)).toBe(5120);
  });

  it('gives the smallest of the four classes per doubling that holds the size, on both sides of 1 GiB', () => {
    // The classes written out: for each power of two p, p + p/4, p + p/2, p + 3p/4, 2p.
    const reference = (size: number) => {
      let p = 64;
      while (2 * p < size) p *= 2;
      for (const step of [1, 2, 3, 4]) if (p + (step * p) / 4 >= size) return p + (step * p) / 4;
      throw new Error('unreachable');
    };
    const sizes = [65, 79, 80, 81, 127, 128, 129, 4095, 4096, 4097, 999_999, 2 ** 29 + 1];
    for (let size = 65; size < 70_000; size += 7) sizes.push(size);
    for (const size of [2 ** 30 - 1, 2 ** 30, 2 ** 30 + 1, 1.3 * 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3 * 2 ** 31]) sizes.push(size);
    for (const size of sizes) expect(jemallocSize8(size), String(size)).toBe(reference(size));
  });

  it('sizes an sds with its header and terminator in the chosen classes', () => {
    // A 15-byte key: type-5 header (1) + 15 + 1 = 17 bytes, as measured with MEMORY USAGE on Redis 7.0 (Debian) and 7.4.
    expect(sdsSizer(16)(15)).toBe(32);
    expect(sdsSizer(8)(15)).toBe(24);
    expect(sdsSizer(8)(40)).toBe(48);
  });
});

describe('quantumFromMallocStats', () => {
  it('reads the quantum jemalloc prints, and nothing from other text', () => {
    expect(quantumFromMallocStats('___ Begin jemalloc statistics ___\nVersion: "5.3.0"\nQuantum size: 8\nPage size: 4096')).toBe(8);
    expect(quantumFromMallocStats('Quantum size: 16\n')).toBe(16);
    expect(quantumFromMallocStats('Stats not supported for the current allocator')).toBeUndefined();
    expect(quantumFromMallocStats('Quantum size: 32')).toBeUndefined();
  });
});
