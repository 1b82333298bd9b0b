/** CLUSTER SLOT-STATS parsing (RESP2 pairs, RESP3 maps) and the slot skew the Cluster analysis reports. */
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../../../src/core/memory/recommendations/evidence';
import { parseSlotStats, slotSkewLines, summarizeSlotSkew, type SlotStat } from '../../../../src/core/memory/slotStats';

describe('parseSlotStats', () => {
  it('reads RESP2 name/value arrays, with and without the tracked CPU and network counters', () => {
    expect(parseSlotStats([[0, ['key-count', 3]], [5, ['key-count', 0, 'cpu-usec', 12, 'network-bytes-in', 40, 'network-bytes-out', 7]]])).toEqual([
      { slot: 0, keyCount: 3 },
      { slot: 5, keyCount: 0, cpuUsec: 12, networkBytesIn: 40, networkBytesOut: 7 },
    ]);
  });

  it('reads RESP3 maps (as a Map or a plain object)', () => {
    expect(parseSlotStats([[7, new Map<string, number>([['key-count', 2]])], [8, { 'key-count': 1, 'cpu-usec': 3 }]])).toEqual([
      { slot: 7, keyCount: 2 },
      { slot: 8, keyCount: 1, cpuUsec: 3 },
    ]);
  });

  it('rejects what is not slot statistics, saying what came back', () => {
    expect(() => parseSlotStats('OK')).toThrow(/not an array of slots/);
    expect(() => parseSlotStats([[16384, ['key-count', 1]]])).toThrow(/slot 16384, outside 0-16383/);
    expect(() => parseSlotStats([[1]])).toThrow(/not \[slot, stats\]/);
  });
});

/** Three masters with the usual even slot ranges; `keys(slot)` fills them. */
function cluster(keys: (slot: number) => number, extra?: (slot: number) => Partial<SlotStat>): Array<{ node: string; stats: SlotStat[] }> {
  const ranges: Array<[string, number, number]> = [['a:1', 0, 5460], ['b:2', 5461, 10922], ['c:3', 10923, 16383]];
  return ranges.map(([node, from, to]) => ({
    node,
    stats: Array.from({ length: to - from + 1 }, (_, i) => ({ slot: from + i, keyCount: keys(from + i), ...extra?.(from + i) })),
  }));
}

describe('summarizeSlotSkew', () => {
  it('an even spread: every master near a third, the fullest slot near the mean', () => {
    const skew = summarizeSlotSkew(cluster(() => 10));
    expect(skew.slotsReported).toBe(16384);
    expect(skew.totalKeys).toBe(163840);
    expect(skew.maxToMeanKeys).toBe(1);
    expect(skew.masters.map((m) => m.slots)).toEqual([5461, 5462, 5461]);
    for (const m of skew.masters) expect(m.keyShare).toBeCloseTo(1 / 3, 3);
    expect(skew.hottestByCpu).toBeUndefined();
    expect(skew.hottestByNetwork).toBeUndefined();
  });

  it('a hash tag piling keys into one slot: that slot leads, its master carries the share', () => {
    const skew = summarizeSlotSkew(cluster((slot) => (slot === 6000 ? 50_000 : slot % 2)), 3);
    expect(skew.hottestByKeys[0]).toMatchObject({ slot: 6000, node: 'b:2', value: 50_000 });
    expect(skew.hottestByKeys[0].share).toBeCloseTo(50_000 / (50_000 + 8192), 5);
    expect(skew.hottestByKeys).toHaveLength(3);
    expect(skew.maxToMeanKeys).toBeGreaterThan(10_000);
    const b = skew.masters.find((m) => m.node === 'b:2')!;
    expect(b.keyShare).toBeGreaterThan(0.8);
    expect(b.evenShare).toBeCloseTo(1 / 3, 5);
    expect(skew.slotsWithKeys).toBe(8192 + 1);
  });

  it('ranks CPU and network (in + out) when the server tracks them', () => {
    const skew = summarizeSlotSkew(cluster(() => 1, (slot) => ({ cpuUsec: slot === 42 ? 900 : 1, networkBytesIn: slot === 7 ? 5000 : 0, networkBytesOut: slot === 9 ? 3000 : 0 })), 2);
    expect(skew.hottestByCpu?.map((s) => s.slot)).toEqual([42, 0]);
    expect(skew.hottestByNetwork?.map((s) => [s.slot, s.value])).toEqual([[7, 5000], [9, 3000]]);
  });

  it('lines for text and Markdown name the spread, each master against even, and the hottest slots', () => {
    const lines = slotSkewLines(summarizeSlotSkew(cluster((slot) => (slot === 6000 ? 900 : 0)), 1), formatCount);
    expect(lines[0]).toMatch(/^900 keys in 1 of 16,384 slots; the fullest slot holds 16384\.0× the average per slot\.$/);
    expect(lines).toContain('b:2: 5,462 slots, 900 keys, 100.0 % of keys (even: 33.3 %)');
    expect(lines.at(-1)).toBe('Hottest slots by keys: 6000 on b:2 900 keys (100.0 %)');
  });
});
