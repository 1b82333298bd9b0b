/** Bounds on the work any single server call does, so the server stays responsive for other clients. */
export interface BatchLimits {
  /** SCAN COUNT: hash-table buckets visited per SCAN call. */
  scanCount: number;
  /** Keys inspected per server call (the SCAN COUNT of a script call): ~4-5 O(1) reads each, so 30 keys ≈ 0.15-0.2 ms; with 4 calls in flight a concurrent PING waits under 2 ms at p99 (bench/analyze.ts). */
  keysPerCall: number;
  /** Inspection calls in flight per node: enough to keep the server busy between replies, no more. */
  maxInFlight: number;
  /** Script strategy: concurrent SCAN chains per node over disjoint stretches of the cursor space (a power of 2). */
  scanChains?: number;
  /** Exact mode: keys of more elements than this are sized by sampling (SAMPLES 0 is O(elements)). */
  exactMaxElements?: number;
  /** Exact mode: elements SAMPLES 0 may walk per server call; a batch beyond it is split over several calls. */
  exactElementsPerCall?: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { scanCount: 1000, keysPerCall: 30, maxInFlight: 4, scanChains: 2 };
