/**
 * Keys per encoding of one type, for the report's encodings table. Keys of weight 1 with the encoding of the key
 * before them are counted as a run and added to the record when the run ends: a keyed update of the record per key
 * was a fifth of the collector's time per key, and a type's keys mostly share one or two encodings. Each encoding
 * enters the record in the order it was first seen, and the sums are those of adding key by key (a whole run is
 * added at once only to a whole number, which adds up exactly; to a fractional one it is added key by key).
 */
export class EncodingCounts {
  private runEncoding: string | undefined;
  private runKeys = 0;

  /** `counts`: the record the report reads (encoding → weighted keys), filled as runs end. */
  constructor(readonly counts: Record<string, number>) {}

  add(encoding: string, weight: number): void {
    if (weight === 1 && encoding === this.runEncoding) {
      this.runKeys++;
      return;
    }
    this.endRun();
    if (weight === 1) {
      this.runEncoding = encoding;
      this.runKeys = 1;
    } else this.counts[encoding] = (this.counts[encoding] ?? 0) + weight;
  }

  /** Add the current run to the record (before the record is read). */
  endRun(): void {
    if (this.runKeys === 0) return;
    const encoding = this.runEncoding!;
    let sum = this.counts[encoding] ?? 0;
    if (Number.isInteger(sum)) sum += this.runKeys;
    else for (let i = 0; i < this.runKeys; i++) sum += 1;
    this.counts[encoding] = sum;
    this.runKeys = 0;
    this.runEncoding = undefined;
  }
}
