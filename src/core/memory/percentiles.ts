/** Growable numeric columns and weighted percentiles over them (exact for a full scan, weighted for samples). */

export class NumberColumn {
  private data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index];
  }

  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }

  static from(values: ArrayLike<number>): NumberColumn {
    const column = new NumberColumn(Math.max(1024, values.length));
    for (let i = 0; i < values.length; i++) column.push(values[i]);
    return column;
  }
}

/**
 * Nearest-rank percentiles (p in 0..100) of `values` where each value stands for `weights[i]` keys.
 * With equal weights this is the classic nearest-rank definition: the smallest value with at least p % of the
 * keys at or below it.
 */
export function weightedPercentiles(values: Float64Array, weights: Float64Array, ps: number[]): number[] {
  if (values.length === 0) return ps.map(() => 0);
  if (weights.every((w) => w === weights[0])) {
    // A full scan (or a single-node sample): typed-array sort is an order of magnitude faster than an index sort.
    const sorted = Float64Array.from(values).sort();
    return ps.map((p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  }
  return percentilesByWeight(values, weights, ps);
}

/** The weighted case of weightedPercentiles, also for weights that happen to be equal (values standing for groups). */
export function percentilesByWeight(values: Float64Array, weights: Float64Array, ps: number[]): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
  return ps.map((p) => {
    const target = (p / 100) * total;
    let running = 0;
    for (const index of order) {
      running += weights[index];
      if (running >= target - 1e-9) return values[index];
    }
    return values[order[order.length - 1]];
  });
}
