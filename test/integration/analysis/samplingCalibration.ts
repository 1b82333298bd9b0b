/**
 * Checks that sampled estimates stay within their stated 99.9 % margins. One estimate misses such a margin once in
 * a thousand draws by design, so a single draw cannot test it without failing now and then; several draws can:
 * most draws of every quantity must fall within the margin and none far past it. A calibrated margin fails this
 * about once in millions of runs; a margin half as wide as it should be fails it about one run in three.
 */
import { expect } from 'vitest';

export class SamplingCalibration {
  private readonly ratios = new Map<string, number[]>();

  /** One draw's estimate of a quantity against the truth, as a fraction of the margin the estimate stated. */
  add(quantity: string, estimate: number, truth: number, margin: number): void {
    const list = this.ratios.get(quantity) ?? [];
    list.push(Math.abs(estimate - truth) / margin);
    this.ratios.set(quantity, list);
  }

  verify(): void {
    for (const [quantity, list] of this.ratios) {
      const sorted = [...list].sort((a, b) => a - b);
      // A strict majority of the draws within the margin...
      expect(sorted[Math.floor((sorted.length - 1) / 2)], `${quantity}: most draws within the stated margin`).toBeLessThanOrEqual(1);
      // ...and no draw far past it (|z| beyond 4.9 for a correct 3.29 margin: about one in a million).
      expect(sorted[sorted.length - 1], `${quantity}: no draw far past the stated margin`).toBeLessThan(1.5);
    }
  }
}
