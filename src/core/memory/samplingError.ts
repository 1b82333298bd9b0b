/**
 * Error of estimates scaled up from a uniform random sample (drawn with replacement, per node): the half-width
 * of a normal-approximation confidence interval for totals (N·mean) and counts (N·proportion).
 */

/** z for a two-sided interval at `confidence` (the levels we state). */
export function zFor(confidence: number): number {
  if (confidence >= 0.999) return 3.291;
  if (confidence >= 0.99) return 2.576;
  return 1.96;
}

/** Running sums for one estimated quantity over one node's sample. */
export class SampleMoments {
  count = 0;
  sum = 0;
  sumOfSquares = 0;

  static from(data: { count: number; sum: number; sumOfSquares: number }): SampleMoments {
    return Object.assign(new SampleMoments(), { count: data.count, sum: data.sum, sumOfSquares: data.sumOfSquares });
  }

  add(value: number): void {
    this.count++;
    this.sum += value;
    this.sumOfSquares += value * value;
  }

  /** Variance of the estimate N·mean, for a node holding `population` keys sampled `sampleSize` times. */
  totalVariance(population: number, sampleSize: number): number {
    if (sampleSize < 2) return 0;
    const mean = this.sum / sampleSize;
    const variance = Math.max(0, (this.sumOfSquares - sampleSize * mean * mean) / (sampleSize - 1));
    // Sampling without replacement would shrink this by the finite-population factor; with replacement it is exact.
    return (population * population * variance) / sampleSize;
  }
}

/** Half-width of the interval from summed per-node variances. */
export function marginFromVariance(variance: number, confidence: number): number {
  return zFor(confidence) * Math.sqrt(variance);
}
