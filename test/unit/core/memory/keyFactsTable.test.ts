import { describe, expect, it } from 'vitest';
import { KeyFactsTable } from '../../../../src/core/memory/keyFactsTable';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { weightedPercentiles } from '../../../../src/core/memory/percentiles';

/** Deterministic pseudo-random integers below `limit`. */
function randomInts(seed: number, count: number, limit: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % limit;
  });
}

const PS = [0, 1, 50, 90, 99, 99.9, 100];

describe('KeyFactsTable', () => {
  it('folds keys into distinct rows and gives the percentiles a column of every key gives', () => {
    const memory = randomInts(1, 5000, 40).map((m) => 48 + 8 * m);
    const length = randomInts(2, 5000, 7);
    const table = new KeyFactsTable();
    memory.forEach((m, i) => table.add(m, length[i], i % 3 === 0 ? 1000 : -1, 1));
    expect(table.keys).toBe(5000);
    expect(table.rowCount).toBeLessThan(40 * 7 * 2 + 1);
    const ones = new Float64Array(5000).fill(1);
    expect(table.percentiles('memory', PS)).toEqual(weightedPercentiles(Float64Array.from(memory), ones, PS));
    expect(table.percentiles('length', PS)).toEqual(weightedPercentiles(Float64Array.from(length), ones, PS));
    expect(table.totals()).toEqual({ keys: 5000, memoryBytes: memory.reduce((a, b) => a + b, 0) });
  });

  it('weights keys of sampled nodes as weightedPercentiles does, even when the groups happen to weigh the same', () => {
    const table = new KeyFactsTable();
    // Values 10 and 20 end up with equal summed weights (4), which must not turn them into a nearest-rank pair.
    table.add(10, 1, -1, 4);
    table.add(20, 1, -1, 1);
    table.add(20, 1, -1, 3);
    table.add(30, 1, -1, 0.5);
    expect(table.uniform).toBe(false);
    expect(table.percentiles('memory', PS)).toEqual(weightedPercentiles(Float64Array.from([10, 20, 20, 30]), Float64Array.from([4, 1, 3, 0.5]), PS));
  });

  it('survives a collector snapshot and restore, rows and uniformity included', () => {
    const collector = new MemoryCollector();
    for (const [i, bytes] of [64, 64, 128, 4096].entries()) {
      collector.add({ key: `k:${i}`, type: 'string', encoding: 'raw', ttlMs: i === 0 ? 5000 : -1, memoryBytes: bytes, length: bytes / 2 }, 'n1', 2);
    }
    const restored = MemoryCollector.restore(JSON.parse(JSON.stringify(collector.snapshot())));
    expect(restored.columns.get('string')!.facts.rowCount).toBe(4);
    restored.add({ key: 'k:9', type: 'string', encoding: 'raw', ttlMs: -1, memoryBytes: 64, length: 32 }, 'n1', 2);
    expect(restored.columns.get('string')!.facts.rowCount).toBe(4);
    expect(restored.build().byType.string).toMatchObject({ keys: 10, memoryBytes: 2 * (64 * 3 + 128 + 4096), p50: 64, max: 4096 });
  });
});
