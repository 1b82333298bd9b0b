/**
 * RDB types and opcodes that redis-server 7.0 does not write (older ziplist/zipmap encodings of RDB 9 and before,
 * Redis 7.4's hash field expiration, module values and module AUX, slot info, seconds expiry), built byte by byte
 * as rdb.c writes them, with a real CRC64 trailer.
 */
import { describe, expect, it } from 'vitest';
import { RdbParser } from '../../../../src/core/rdb/rdbParser';
import { RdbError, type RdbKeyFacts } from '../../../../src/core/rdb/types';
import { bytes, len, lzfString, rdb, str, u32le, u64le } from './rdbBytes';

/** A listpack of short strings (< 64 bytes each). */
function listpack(items: string[]): Uint8Array {
  const entries = items.map((item) => {
    const b = new TextEncoder().encode(item);
    return bytes([0x80 | b.length], b, [b.length + 1]);
  });
  const body = bytes(...entries);
  return bytes(u32le(6 + body.length + 1), [items.length & 255, items.length >> 8], body, [0xff]);
}

/** A ziplist of short strings (< 64 bytes each). */
function ziplist(items: string[]): Uint8Array {
  let previous = 0;
  const entries = items.map((item) => {
    const b = new TextEncoder().encode(item);
    const entry = bytes([previous], [b.length], b);
    previous = entry.length;
    return entry;
  });
  const body = bytes(...entries);
  return bytes(u32le(10 + body.length + 1), u32le(0), [items.length & 255, items.length >> 8], body, [0xff]);
}

/** A zipmap of short field/value pairs (pre-2.6 hashes). */
function zipmap(pairs: Array<[string, string]>): Uint8Array {
  return bytes([pairs.length], ...pairs.map(([f, v]) => bytes([f.length], f, [v.length, 0], v)), [0xff]);
}

function parse(data: Uint8Array): { keys: RdbKeyFacts[]; moduleAux: string[] } {
  const keys: RdbKeyFacts[] = [];
  const moduleAux: string[] = [];
  const parser = new RdbParser({ key: (f) => keys.push({ ...f, key: f.key.slice(), stream: { ...f.stream } }), moduleAux: (name) => moduleAux.push(name) });
  for (let i = 0; i < data.length; i += 3) parser.push(data.subarray(i, i + 3));
  parser.end();
  return { keys, moduleAux };
}

const name = (f: RdbKeyFacts) => new TextDecoder().decode(f.key);

/** A module id: nine 6-bit characters of the type name, then a 10-bit encoding version (as module.c packs it). */
function moduleId(typeName: string, version: number): number[] {
  const charset = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let id = 0n;
  for (const c of typeName) id = (id << 6n) | BigInt(charset.indexOf(c));
  id = (id << 10n) | BigInt(version);
  const out = [0x81];
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((id >> shift) & 255n));
  return out;
}

describe('RDB formats beyond Redis 7.0', () => {
  it('reads RDB 9 encodings: ziplist lists/hashes/zsets, quicklist of ziplists, zipmap, old zsets, seconds expiry', () => {
    const data = rdb(9,
      bytes([0xfe], len(0), [0xfb], len(6), len(1)),
      bytes([10], str('zl:list'), str(ziplist(['a', 'b', 'c']))),
      bytes([13], str('zl:hash'), str(ziplist(['f1', 'v1', 'f2', 'v2']))),
      bytes([12], str('zl:zset'), str(ziplist(['m', '1', 'n', '2']))),
      bytes([14], str('ql:v1'), len(2), str(ziplist(['x', 'y'])), str(ziplist(['z']))),
      bytes([9], str('zm:hash'), str(zipmap([['field', 'value'], ['f2', 'v2']]))),
      bytes([0xfd], u32le(2_000_000_000), [3], str('old:zset'), len(2), str('a'), [3], '1.5', str('b'), [254]),
    );
    const { keys } = parse(data);
    expect(keys.map((k) => [name(k), k.type, k.encoding, k.length])).toEqual([
      ['zl:list', 'list', 'ziplist', 3],
      ['zl:hash', 'hash', 'ziplist', 2],
      ['zl:zset', 'zset', 'ziplist', 2],
      ['ql:v1', 'list', 'quicklist', 3],
      ['zm:hash', 'hash', 'zipmap', 2],
      ['old:zset', 'zset', 'skiplist', 2],
    ]);
    expect(keys[5].expiresAtMs).toBe(2_000_000_000_000);
  });

  it('reads Redis 7.4 hashes with field expiry (RDB 12) and idle/LFU prefixes', () => {
    const data = rdb(12,
      bytes([0xf8], len(120), [25], str('hfe:lp'), u64le(1_900_000_000_000), str(listpack(['f1', 'v1', '0', 'f2', 'v2', '5']))),
      bytes([0xf9], [7], [24], str('hfe:ht'), u64le(1_900_000_000_000), len(2), len(0), str('a'), str('1'), len(3), str('b'), str('2')),
      bytes([0xf4], len(100), len(5), len(1)),
    );
    const { keys } = parse(data);
    expect(keys.map((k) => [name(k), k.type, k.encoding, k.length, k.fieldsWithTtl])).toEqual([
      ['hfe:lp', 'hash', 'listpackex', 2, 0],
      ['hfe:ht', 'hash', 'hashtable', 2, 1],
    ]);
    expect([keys[0].idleSeconds, keys[1].lfuFrequency]).toEqual([120, 7]);
  });

  it('skips module values and module AUX data through their self-describing opcodes', () => {
    const moduleValue = bytes(len(2), len(42), len(1), len(7), len(3), u32le(0), len(4), u64le(0), len(5), str('payload'), len(0));
    const data = rdb(10,
      bytes([0xf7], moduleId('mymodtype', 3), len(2), len(2), len(5), str('aux'), len(0)),
      bytes([7], str('mod:key'), moduleId('mymodtype', 3), moduleValue),
      bytes([0], str('after'), str('x')),
    );
    const { keys, moduleAux } = parse(data);
    expect(moduleAux).toEqual(['mymodtype']);
    expect(keys.map((k) => [name(k), k.type, k.encoding])).toEqual([['mod:key', 'module', 'module:mymodtype'], ['after', 'string', 'string']]);
  });

  it('accepts a zero checksum (rdbchecksum no) and rejects a wrong one with its offset', () => {
    const valid = rdb(10, bytes([0], str('k'), str('v')));
    const unchecked = Uint8Array.from(valid);
    unchecked.fill(0, valid.length - 8);
    expect(parse(unchecked).keys).toHaveLength(1);
    const wrong = Uint8Array.from(valid);
    wrong[valid.length - 1] ^= 0xff;
    expect(() => parse(wrong)).toThrow(RdbError);
    expect(() => parse(wrong)).toThrow(`CRC64 mismatch at byte ${valid.length - 8}`);
  });

  it('counts LZF-compressed blobs from their headers as the walk of the whole blob does, and walks headers that cannot tell', () => {
    const intset = bytes(u32le(2), u32le(3), [1, 0, 2, 0, 3, 0]);
    const hash = ziplist(['field-one', 'value-one', 'field-two', 'value-two']);
    const zset = listpack(['member-a', '1', 'member-b', '2', 'member-c', '3']);
    const unknownCount = listpack(['one', 'two', 'three']);
    unknownCount[4] = 0xff, unknownCount[5] = 0xff; // 65535+ entries: the header does not count them
    const values = [[11, intset], [13, hash], [17, zset], [20, unknownCount]] as const;
    const plain = parse(rdb(10, ...values.map(([type, blob], i) => bytes([type], str(`k${i}`), str(blob)))));
    const packed = parse(rdb(10, ...values.map(([type, blob], i) => bytes([type], lzfString(`compressed-key-name-${i}`), lzfString(blob)))));
    const summary = (keys: RdbKeyFacts[]) => keys.map((k) => [k.type, k.encoding, k.length, k.blobBytes]);
    expect(summary(packed.keys)).toEqual(summary(plain.keys));
    expect(summary(plain.keys)).toEqual([['set', 'intset', 3, 14], ['hash', 'ziplist', 2, hash.length], ['zset', 'listpack', 3, zset.length], ['set', 'listpack', 3, unknownCount.length]]);
    // Compressed key names share one buffer: each key's name is right during its own callback.
    expect(packed.keys.map(name)).toEqual(values.map((_, i) => `compressed-key-name-${i}`));
    // A compressed intset whose header disagrees with its size is walked, and reported as corrupt.
    const wrong = bytes(u32le(2), u32le(4), [1, 0, 2, 0, 3, 0]);
    expect(() => parse(rdb(10, bytes([11], str('bad'), lzfString(wrong))))).toThrow(/intset of 4 × 2 bytes/);
  });

  it('names a module value in the non-self-describing pre-release format instead of guessing', () => {
    expect(() => parse(rdb(8, bytes([6], str('old:module'), moduleId('oldmodule', 1))))).toThrow(/pre-release format \(RDB type 6\)/);
  });
});
