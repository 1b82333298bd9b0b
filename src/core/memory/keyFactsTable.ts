/**
 * The per-key facts a report needs once the scan is over (percentiles of memory and length, counts of keys that
 * meet a recommendation check's condition), kept as distinct (memory, length, has-TTL) rows with their key count
 * and summed weight instead of one row per key: a 10M-key snapshot has some thousands of distinct rows, and the
 * memory of the analysis no longer grows with the keyspace. Percentiles come out exactly as over per-key columns.
 */
import { percentilesByWeight } from './percentiles';

export class KeyFactsTable {
  readonly memory: number[] = [];
  readonly length: number[] = [];
  /** -1 for keys without a TTL, 1 for keys with one (the checks ask only that; TTL buckets are counted apart). */
  readonly ttl: number[] = [];
  readonly count: number[] = [];
  readonly weight: number[] = [];
  /** Keys added (rows hold several). */
  keys = 0;
  /** The weight every key had so far (NaN once two differed): equal weights give classic nearest-rank percentiles. */
  private uniformWeight: number | undefined;
  /** (memory, length × 2 + has-TTL) → row, as an open-addressing table of row numbers (-1: empty): no object per key. */
  private slots = new Int32Array(256).fill(-1);
  private readonly rowSlot: number[] = [];

  get rowCount(): number {
    return this.memory.length;
  }

  add(memory: number, length: number, ttlMs: number, weight: number, count = 1): void {
    const hasTtl = ttlMs >= 0 ? 1 : 0;
    const slot = length * 2 + hasTtl;
    const slots = this.slots;
    const mask = slots.length - 1;
    let at = hashPair(memory, slot) & mask;
    let row = slots[at];
    while (row >= 0 && (this.memory[row] !== memory || this.rowSlot[row] !== slot)) {
      at = (at + 1) & mask;
      row = slots[at];
    }
    if (row < 0) {
      row = this.memory.length;
      slots[at] = row;
      this.memory.push(memory);
      this.length.push(length);
      this.ttl.push(hasTtl ? 1 : -1);
      this.count.push(0);
      this.weight.push(0);
      this.rowSlot.push(slot);
      if (this.memory.length * 2 > slots.length) this.grow();
    }
    this.count[row] += count;
    this.weight[row] += weight * count;
    this.keys += count;
    if (this.uniformWeight === undefined) this.uniformWeight = weight;
    else if (this.uniformWeight !== weight) this.uniformWeight = NaN;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let row = 0; row < this.memory.length; row++) {
      let at = hashPair(this.memory[row], this.rowSlot[row]) & mask;
      while (slots[at] >= 0) at = (at + 1) & mask;
      slots[at] = row;
    }
    this.slots = slots;
  }

  /** Restore a row of snapshot(); `uniform` says whether every key of the saved table had the same weight. */
  addRow(memory: number, length: number, ttl: number, count: number, weightSum: number, uniform: boolean): void {
    this.add(memory, length, ttl, count > 0 ? weightSum / count : 0, count);
    if (!uniform) this.uniformWeight = NaN;
  }

  get uniform(): boolean {
    return this.uniformWeight === undefined || !Number.isNaN(this.uniformWeight);
  }

  /** Weighted keys and weighted memory. */
  totals(): { keys: number; memoryBytes: number } {
    let keys = 0;
    let memoryBytes = 0;
    for (let i = 0; i < this.memory.length; i++) {
      keys += this.weight[i];
      memoryBytes += this.weight[i] * this.memory[i];
    }
    return { keys, memoryBytes };
  }

  /**
   * Percentiles (p in 0..100) of memory or length over the keys. Equal weights: nearest rank over the key
   * counts (as over a sorted column of every key); otherwise weighted, as weightedPercentiles computes them.
   */
  percentiles(of: 'memory' | 'length', ps: number[]): number[] {
    const source = of === 'memory' ? this.memory : this.length;
    const counts = new Map<number, number>();
    const weights = new Map<number, number>();
    for (let i = 0; i < source.length; i++) {
      counts.set(source[i], (counts.get(source[i]) ?? 0) + this.count[i]);
      weights.set(source[i], (weights.get(source[i]) ?? 0) + this.weight[i]);
    }
    const values = Float64Array.from(counts.keys()).sort();
    if (values.length === 0) return ps.map(() => 0);
    if (!this.uniform) {
      return percentilesByWeight(values, Float64Array.from(values, (v) => weights.get(v)!), ps);
    }
    const n = this.keys;
    return ps.map((p) => {
      const rank = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
      let seen = 0;
      for (const value of values) {
        seen += counts.get(value)!;
        if (seen > rank) return value;
      }
      return values[values.length - 1];
    });
  }
}

/** A 32-bit hash of two non-negative integers below 2^53 (both halves of each taken). */
function hashPair(a: number, b: number): number {
  let h = Math.imul(a | 0, 0x9e3779b1) ^ Math.imul((a / 4294967296) | 0, 0x85ebca77);
  h = Math.imul(h ^ (b | 0), 0xc2b2ae3d) ^ Math.imul((b / 4294967296) | 0, 0x27d4eb2f);
  h ^= h >>> 15;
  return h;
}
