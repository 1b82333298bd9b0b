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

export class TtlBucketCounter {
  private readonly keys = new Map<TtlBucketName, number>(TTL_BUCKET_NAMES.map((name) => [name, 0]));
  private readonly memory = new Map<TtlBucketName, number>(TTL_BUCKET_NAMES.map((name) => [name, 0]));

  add(ttlMs: number, memoryBytes: number, weight: number): void {
    const bucket = ttlBucketOf(ttlMs);
    this.keys.set(bucket, this.keys.get(bucket)! + weight);
    this.memory.set(bucket, this.memory.get(bucket)! + weight * memoryBytes);
  }

  /** Raw (unrounded) weighted counts, for a resumable snapshot. */
  snapshot(): Array<[TtlBucketName, number, number]> {
    return TTL_BUCKET_NAMES.map((name) => [name, this.keys.get(name)!, this.memory.get(name)!]);
  }

  restore(rows: Array<[TtlBucketName, number, number]>): this {
    for (const [name, keys, memory] of rows) {
      if (!this.keys.has(name)) continue;
      this.keys.set(name, keys);
      this.memory.set(name, memory);
    }
    return this;
  }

  build(): TtlBucket[] {
    return TTL_BUCKET_NAMES.map((bucket) => ({
      bucket,
      keys: Math.round(this.keys.get(bucket)!),
      memoryBytes: Math.round(this.memory.get(bucket)!),
    }));
  }
}
