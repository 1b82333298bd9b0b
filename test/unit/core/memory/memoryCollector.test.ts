import { describe, expect, it } from 'vitest';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { weightedPercentiles } from '../../../../src/core/memory/percentiles';
import { ttlBucketOf } from '../../../../src/core/memory/ttlBuckets';
import type { KeyRecord } from '../../../../src/core/memory/types';

const HOUR = 3_600_000;

function record(key: string, type: string, memoryBytes: number, extra: Partial<KeyRecord> = {}): KeyRecord {
  return { key, type, encoding: type === 'hash' ? 'listpack' : 'embstr', ttlMs: -1, memoryBytes, length: 1, ...extra };
}

describe('memory collector', () => {
  it('computes per-type totals, nearest-rank percentiles, encodings, TTL buckets and top keys for a full scan', () => {
    const collector = new MemoryCollector();
    collector.beginNode('n1', 103, 'full');
    for (let i = 1; i <= 100; i++) collector.add(record(`s:${i}`, 'string', i * 10, { ttlMs: i <= 10 ? HOUR / 2 : -1 }), 'n1');
    collector.add(record('h:1', 'hash', 500, { encoding: 'hashtable', length: 9000, ttlMs: 2 * 24 * HOUR }), 'n1');
    collector.add(record('h:2', 'hash', 100, { length: 3, ttlMs: 30 * 24 * HOUR }), 'n1');
    collector.add(record('h:3', 'hash', 200, { length: 4, ttlMs: 2 * HOUR }), 'n1');
    const report = collector.build();
    expect(report.totalKeys).toBe(103);
    expect(report.totalMemoryBytes).toBe(50500 + 800);
    expect(report.byType.string).toMatchObject({ keys: 100, memoryBytes: 50500, p50: 500, p90: 900, p99: 990, max: 1000 });
    expect(report.byType.hash).toMatchObject({ keys: 3, p50: 200, max: 500, lengthMax: 9000 });
    expect(report.encodings).toEqual({ string: { embstr: 100 }, hash: { hashtable: 1, listpack: 2 } });
    expect(report.ttlBuckets).toEqual([
      { bucket: 'none', keys: 90, memoryBytes: 50500 - 550 },
      { bucket: '<1h', keys: 10, memoryBytes: 550 },
      { bucket: '<1d', keys: 1, memoryBytes: 200 },
      { bucket: '<1w', keys: 1, memoryBytes: 500 },
      { bucket: 'longer', keys: 1, memoryBytes: 100 },
    ]);
    expect(report.topKeysByMemory[0].key).toBe('s:100');
    expect(report.topKeysByLength[0]).toMatchObject({ key: 'h:1', length: 9000 });
    expect(report.sampling).toMatchObject({ mode: 'full', inspectedKeys: 103, keyspaceSize: 103, totalMemoryMarginBytes: 0 });
    expect(report.nodes).toEqual([{ node: 'n1', keys: 103, memoryBytes: 51300, dbsize: 103 }]);
  });

  it('scales a sample by its weight and states a margin that covers the truth', () => {
    // Population: 10,000 keys, 30 % hashes of 300 B, 70 % strings of 100 B → 1,600,000 B.
    const collector = new MemoryCollector();
    collector.beginNode('n1', 10_000, 'sample');
    const weight = 10_000 / 1000;
    for (let i = 0; i < 1000; i++) {
      const isHash = i % 10 < 3;
      collector.add(record(`k:${i}`, isHash ? 'hash' : 'string', isHash ? 300 : 100), 'n1', weight);
    }
    const report = collector.build();
    expect(report.totalKeys).toBe(10_000);
    expect(report.byType.hash.keys).toBe(3000);
    expect(report.sampling.mode).toBe('sample');
    expect(report.sampling.totalMemoryMarginBytes).toBeGreaterThan(0);
    // The margin of a proportion p over n draws is z·N·sqrt(p(1-p)/n) = 3.291·10,000·sqrt(0.21/1000) ≈ 477.
    expect(report.sampling.byTypeMargin.hash.keys).toBeGreaterThan(400);
    expect(report.sampling.byTypeMargin.hash.keys).toBeLessThan(560);
  });

  it('adds no error for nodes that were scanned in full during a sampled run', () => {
    const collector = new MemoryCollector();
    collector.beginNode('scanned', 3, 'full');
    collector.beginNode('sampled', 100, 'sample');
    for (const [i, bytes] of [10, 20, 30].entries()) collector.add(record(`a:${i}`, 'string', bytes), 'scanned');
    const alone = collector.build().sampling.totalMemoryMarginBytes;
    expect(alone).toBe(0);
    for (let i = 0; i < 10; i++) collector.add(record(`b:${i}`, 'string', i * 10), 'sampled', 10);
    expect(collector.build().sampling.totalMemoryMarginBytes).toBeGreaterThan(0);
  });

  it('exposes per-type columns and the average key-name length for recommendation checks', () => {
    const collector = new MemoryCollector();
    collector.add(record('abcd', 'string', 10), 'n1');
    collector.add(record('ab', 'string', 10), 'n1');
    expect(collector.columns.get('string')!.facts.keys).toBe(2);
    expect(collector.averageKeyNameLength()).toBe(3);
  });
});

describe('percentiles and buckets', () => {
  it('weights values in weighted percentiles', () => {
    expect(weightedPercentiles(new Float64Array([1, 2, 3]), new Float64Array([1, 1, 8]), [10, 20, 50])).toEqual([1, 2, 3]);
    expect(weightedPercentiles(new Float64Array([]), new Float64Array([]), [50])).toEqual([0]);
  });

  it('puts TTLs into the documented buckets', () => {
    expect([-1, 0, HOUR - 1, HOUR, 24 * HOUR, 7 * 24 * HOUR].map(ttlBucketOf)).toEqual(['none', '<1h', '<1h', '<1d', '<1w', 'longer']);
  });
});
