/** TTL buckets (none, <1 h, <1 d, <1 w, longer) counted by keys and by memory. */
import type { TtlBucket, TtlBucketName } from './types';

const HOUR = 3_600_000;
const BOUNDS: Array<[TtlBucketName, number]> = [['<1h', HOUR], ['<1d', 24 * HOUR], ['<1w', 7 * 24 * HOUR]];
export const TTL_BUCKET_NAMES: TtlBucketName[] = ['none', '<1h', '<1d', '<1w', 'longer'];

export function ttlBucketOf(ttlMs: number): TtlBucketName {
  if (ttlMs < 0) return 'none';
  for (const [name, bound] of BOUNDS) if (ttlMs < bound) return name;
  return 'longer';
}

/** Index into TTL_BUCKET_NAMES (ttlBucketOf without the name, for the per-key path). */
function bucketIndex(ttlMs: number): number {
  if (ttlMs < 0) return 0;
  if (ttlMs < HOUR) return 1;
  if (ttlMs < 24 * HOUR) return 2;
  if (ttlMs < 7 * 24 * HOUR) return 3;
  return 4;
}

export class TtlBucketCounter {
  private readonly keys = new Float64Array(TTL_BUCKET_NAMES.length);
  private readonly memory = new Float64Array(TTL_BUCKET_NAMES.length);

  add(ttlMs: number, memoryBytes: number, weight: number): void {
    const bucket = bucketIndex(ttlMs);
    this.keys[bucket] += weight;
    this.memory[bucket] += weight * memoryBytes;
  }

  /** Raw (unrounded) weighted counts, for a resumable snapshot. */
  snapshot(): Array<[TtlBucketName, number, number]> {
    return TTL_BUCKET_NAMES.map((name, i) => [name, this.keys[i], this.memory[i]]);
  }

  restore(rows: Array<[TtlBucketName, number, number]>): this {
    for (const [name, keys, memory] of rows) {
      const i = TTL_BUCKET_NAMES.indexOf(name);
      if (i < 0) continue;
      this.keys[i] = keys;
      this.memory[i] = memory;
    }
    return this;
  }

  build(): TtlBucket[] {
    return TTL_BUCKET_NAMES.map((bucket, i) => ({
      bucket,
      keys: Math.round(this.keys[i]),
      memoryBytes: Math.round(this.memory[i]),
    }));
  }
}
