/**
 * The per-key paths that avoid an allocation per key give what the plain paths give: key names copied into the
 * parser's scratch buffer (plain and LZF, short and long, across chunk borders), the size model writing into one
 * reused estimate, and keys counted per database in batches.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RdbAnalysis } from '../../../../src/core/rdb/rdbAnalysis';
import { RdbParser } from '../../../../src/core/rdb/rdbParser';
import { ceilPowerOfTwo, estimateKeyMemory, estimateKeyMemoryInto, serverShapeFromVersion, valkeyShape, type SizeEstimate } from '../../../../src/core/rdb/sizeModel';
import type { RdbKeyFacts } from '../../../../src/core/rdb/types';
import { bytes, len, lzfString, rdb, str } from './rdbBytes';

const FIXTURE = readFileSync(join(__dirname, '../../../fixtures/rdb/redis-7.0-every-encoding.rdb'));

function parseKeys(data: Uint8Array, chunk: number, onKey: (f: RdbKeyFacts) => void = () => undefined): string[] {
  const names: string[] = [];
  const parser = new RdbParser({ key: (f) => (names.push(Buffer.from(f.key).toString('latin1')), onKey(f)) });
  for (let at = 0; at < data.length; at += chunk) parser.push(data.subarray(at, at + chunk));
  parser.end();
  return names;
}

describe('key names', () => {
  it('are reported byte for byte at every length, plain or LZF, whatever the chunks, a short one after a long one too', () => {
    const name = (length: number, seed: number) => Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7 + seed) % 90))).join('');
    const plain = [0, 1, 31, 200, 255, 256, 257, 300, 5000, 3, 256, 2].map((n, i) => name(n, i));
    const compressed = [10, 256, 257, 300, 4, 70_000, 5].map((n, i) => name(n, 50 + i));
    const keys = [
      ...plain.map((key) => bytes([0], str(key), str('v'))),
      ...compressed.map((key) => bytes([0], lzfString(key), str('v'))),
    ];
    const file = rdb(10, bytes([0xfe], len(0)), ...keys);
    for (const chunk of [1, 7, 64, file.length]) expect(parseKeys(file, chunk)).toEqual([...plain, ...compressed]);
  });

  it('stay as they were for the whole callback of their key', () => {
    const file = rdb(10, bytes([0xfe], len(0)), bytes([0], str('first:key'), str('v')), bytes([0], lzfString('second'), str('v')));
    const seen: string[] = [];
    parseKeys(file, 3, (f) => seen.push(Buffer.from(f.key).toString('latin1') + '/' + f.key.length));
    expect(seen).toEqual(['first:key/9', 'second/6']);
  });
});

describe('size model into one reused estimate', () => {
  it('gives every key of a real dump the bytes and encoding of a fresh estimate, for every server shape', () => {
    const shapes = [serverShapeFromVersion('7.0.15'), serverShapeFromVersion('7.2.4', 16), serverShapeFromVersion('6.2.0'), valkeyShape(8)];
    const reused: SizeEstimate = { bytes: 0, encoding: '' };
    let keys = 0;
    parseKeys(FIXTURE, 4096, (f) => {
      keys++;
      for (const shape of shapes) expect(estimateKeyMemoryInto(f, shape, reused)).toEqual(estimateKeyMemory(f, shape));
    });
    expect(keys).toBeGreaterThan(15);
  });
});

describe('dict sizes', () => {
  it('round every count up to a power of two as 2 ** ceil(log2 n) does, across the leading-zeros range and past it', () => {
    const counts = [...Array.from({ length: 70_000 }, (_, i) => i + 1)];
    for (let bit = 16; bit <= 40; bit++) counts.push(2 ** bit - 1, 2 ** bit, 2 ** bit + 1);
    for (const n of counts) {
      if (ceilPowerOfTwo(n) !== 2 ** Math.ceil(Math.log2(n))) expect.fail(`ceilPowerOfTwo(${n}) = ${ceilPowerOfTwo(n)}`);
    }
  });
});

describe('keys per database', () => {
  const key = (db: number, name: string): RdbKeyFacts => ({
    offset: 0, db, key: new TextEncoder().encode(name), type: 'string', rdbType: 0, encoding: 'string', length: 1, expiresAtMs: -1,
    idleSeconds: -1, lfuFrequency: -1, valueBytes: 3, integerString: false, blobBytes: 0, nodes: 0, nodeAllocBytes: 0,
    elementAllocBytes: 0, integerElements: 0, fieldsWithTtl: 0, moduleName: '',
    stream: { listpacks: 0, raxNodes: 0, listpackBytes: 0, lastListpackBytes: 0, listpackAllocBytes: 0, groups: 0, groupPelEntries: 0, groupPelRaxNodes: 0, consumers: 0, consumerNameBytes: 0, consumerPelEntries: 0, consumerPelRaxNodes: 0 },
  });

  it('are counted for every database, in reports made midway and at the end, a database left and entered again too', () => {
    const analysis = new RdbAnalysis({ source: 'file', origin: 'test', nowMs: 0 });
    analysis.key(key(3, 'a'));
    analysis.key(key(3, 'b'));
    analysis.key(key(0, 'c'));
    const midway = analysis.report({ bytes: 1, rdbVersion: 10, complete: false });
    expect(midway.rdb!.keysByDatabase).toEqual({ 3: 2, 0: 1 });
    analysis.key(key(0, 'd'));
    analysis.key(key(7, 'e'));
    analysis.key(key(3, 'f'));
    const end = analysis.report({ bytes: 1, rdbVersion: 10, complete: true });
    expect(end.rdb!.keysByDatabase).toEqual({ 3: 3, 0: 2, 7: 1 });
    expect(end.totalKeys).toBe(6);
  });

  it('add up over the nodes of a Cluster report, whichever node saw a database first', () => {
    const root = new RdbAnalysis({ source: 'replication', origin: 'cluster', nowMs: 0, manyNodes: true });
    const first = root.nodeListener('a:1');
    const second = root.nodeListener('b:2');
    second.key(key(0, 'x'));
    first.key(key(0, 'y'));
    second.key(key(0, 'z'));
    first.key(key(0, 'w'));
    expect(root.report({ bytes: 1, rdbVersion: 10, complete: true }).rdb!.keysByDatabase).toEqual({ 0: 4 });
  });
});
