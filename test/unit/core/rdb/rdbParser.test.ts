/** The streaming RDB parser on a dump of redis-server 7.0 (test/fixtures/rdb): chunking never changes what it reports. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Crc64, CRC64_KERNEL, crc64UpdateJs } from '../../../../src/core/rdb/crc64';
import { RaxNodeCounter } from '../../../../src/core/rdb/raxNodeCounter';
import { RdbParser } from '../../../../src/core/rdb/rdbParser';
import { jemallocSize, sdsAllocSize } from '../../../../src/core/rdb/allocator';
import { RdbError, type RdbKeyFacts } from '../../../../src/core/rdb/types';
import { seededRandom } from '../../../helpers/fuzzing';

const FIXTURE = readFileSync(join(__dirname, '../../../fixtures/rdb/redis-7.0-every-encoding.rdb'));

/** Parse with the given chunk sizes; returns a JSON-able list of every key's facts and the AUX fields. */
export function parseInChunks(data: Uint8Array, nextChunk: () => number): { keys: unknown[]; aux: Record<string, string>; functions: number } {
  const keys: unknown[] = [];
  const aux: Record<string, string> = {};
  let functions = 0;
  const parser = new RdbParser({
    key: (f: RdbKeyFacts) => keys.push({ ...f, key: Buffer.from(f.key).toString('latin1'), stream: { ...f.stream } }),
    aux: (name, value) => (aux[name] = value),
    functionLibrary: () => functions++,
  });
  for (let at = 0; at < data.length;) {
    const size = Math.max(1, nextChunk());
    parser.push(data.subarray(at, at + size));
    at += size;
  }
  parser.end();
  return { keys, aux, functions };
}

describe('RdbParser', () => {
  it('reads every key, AUX field and function of a real 7.0 dump', () => {
    const { keys, aux, functions } = parseInChunks(FIXTURE, () => 65536);
    expect(aux['redis-ver']).toMatch(/^7\.0\./);
    expect(functions).toBe(1);
    const byName = new Map((keys as RdbKeyFacts[]).map((k) => [k.key as unknown as string, k]));
    expect(byName.get('db2:key')).toMatchObject({ db: 2, type: 'string', length: 15 });
    expect(byName.get('case:int-small:0')).toMatchObject({ type: 'string', integerString: true });
    expect(byName.get('case:raw-lzf:0')).toMatchObject({ type: 'string', integerString: false });
    expect(byName.get('case:set-intset:0')).toMatchObject({ encoding: 'intset' });
    expect(byName.get('case:zset-skiplist:0')).toMatchObject({ encoding: 'skiplist' });
    expect(byName.get('case:hash-hashtable:0')).toMatchObject({ encoding: 'hashtable' });
    expect((byName.get('case:stream-groups:0') as RdbKeyFacts).stream).toMatchObject({ groups: 2, consumers: 6 });
    // The fixture was saved under allkeys-lfu: every key carries its LFU counter; TTLs were set on the first key of each case.
    expect((keys as RdbKeyFacts[]).every((k) => k.lfuFrequency >= 0 && k.idleSeconds === -1)).toBe(true);
    expect(byName.get('case:embstr:0')!.expiresAtMs).toBeGreaterThan(Number(aux.ctime) * 1000);
  });

  it('reports the same facts whatever the chunk sizes (1 byte, primes, random)', () => {
    const whole = parseInChunks(FIXTURE, () => FIXTURE.length);
    expect(parseInChunks(FIXTURE, () => 1)).toEqual(whole);
    expect(parseInChunks(FIXTURE, () => 4093)).toEqual(whole);
    const random = seededRandom(42);
    expect(parseInChunks(FIXTURE, () => Math.floor(random() * 3000))).toEqual(whole);
  });

  it('stops at the checksum and keeps what follows as trailing bytes (a diskless EOF mark)', () => {
    const mark = Buffer.from('x'.repeat(40));
    const parser = new RdbParser({ key: () => undefined });
    parser.push(Buffer.concat([FIXTURE, mark]));
    parser.end();
    expect(parser.done).toBe(true);
    expect(Buffer.from(parser.trailing).equals(mark)).toBe(true);
  });

  it('names the offset and what it was reading when the input is cut', () => {
    const parser = new RdbParser({ key: () => undefined });
    parser.push(FIXTURE.subarray(0, 5000));
    let error: unknown;
    try {
      parser.end();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RdbError);
    expect((error as RdbError).kind).toBe('truncated');
    expect((error as RdbError).message).toMatch(/ends at byte 5000 while reading /);
    expect((error as RdbError).offset).toBeLessThanOrEqual(5000);
  });
});

describe('RDB building blocks', () => {
  it('CRC-64/Jones gives Redis\'s check value', () => {
    const crc = new Crc64();
    crc.update(new TextEncoder().encode('123456789'));
    expect(crc.hex()).toBe('e9c6d914c4b8d9ca');
  });

  it('CRC-64 in WebAssembly gives what the JavaScript loop gives, over any split of the input and any alignment', () => {
    expect(CRC64_KERNEL).toBe('webassembly');
    const random = seededRandom(18);
    const backing = new Uint8Array(300_000 + 7);
    for (let i = 0; i < backing.length; i++) backing[i] = Math.floor(random() * 256);
    for (let round = 0; round < 60; round++) {
      // Views at odd offsets of their buffer, lengths around the window (64 KB) and the JavaScript threshold (256).
      const from = Math.floor(random() * 7);
      const bytes = backing.subarray(from, from + Math.floor(random() * 300_000));
      const wasm = new Crc64();
      const js = { low: 0, high: 0 };
      for (let at = 0; at < bytes.length;) {
        const size = [1, 15, 16, 17, 255, 256, 257, 65_535, 65_536, 65_537, 140_000][Math.floor(random() * 11)];
        const end = Math.min(bytes.length, at + size);
        wasm.update(bytes, at, end);
        crc64UpdateJs(js, bytes, at, end);
        at = end;
      }
      expect([wasm.low, wasm.high]).toEqual([js.low, js.high]);
    }
    const long = new Crc64();
    long.update(new TextEncoder().encode('123456789'.repeat(100)));
    const reference = { low: 0, high: 0 };
    crc64UpdateJs(reference, new TextEncoder().encode('123456789'.repeat(100)));
    expect([long.low, long.high]).toEqual([reference.low, reference.high]);
  });

  it('jemalloc size classes and sds allocations', () => {
    expect([1, 8, 9, 17, 100, 129, 257, 1025, 14337, 16385].map(jemallocSize)).toEqual([8, 8, 16, 32, 112, 160, 320, 1280, 16384, 20480]);
    // type 5 header (1) + 5 + 1 = 7 -> 8; type 8 header (3) + 40 + 1 = 44 -> 48; empty strings use type 8.
    expect([sdsAllocSize(5), sdsAllocSize(40), sdsAllocSize(0)]).toEqual([8, 48, 8]);
  });

  it('counts the nodes of a rax filled in key order', () => {
    const counter = new RaxNodeCounter(4);
    counter.add(Uint8Array.from([1, 2, 3, 4]), 0);
    expect(counter.nodes).toBe(2); // compressed root + leaf
    counter.add(Uint8Array.from([1, 2, 3, 5]), 0);
    // root "123" (compressed), branch node at depth 3, two leaves
    expect(counter.nodes).toBe(4);
    counter.add(Uint8Array.from([1, 9, 0, 0]), 0);
    // root "1", the branch at depth 1, the old path's "3" node (its branch and leaves stay), the new "00" chain and leaf
    expect(counter.nodes).toBe(8);
  });
});
