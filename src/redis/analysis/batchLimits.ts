/** Bounds on the work any single server call does, so the server stays responsive for other clients. */
export interface BatchLimits {
  /** SCAN COUNT: hash-table buckets visited per SCAN call. */
  scanCount: number;
  /** Keys inspected per server call (the SCAN COUNT of a script call): ~4-5 O(1) reads each, so 100 keys ≈ 0.4-0.6 ms; two chains may queue two calls back to back. */
  keysPerCall: number;
  /** Inspection calls in flight per node: enough to keep the server busy between replies, no more. */
  maxInFlight: number;
  /** Script strategy: concurrent SCAN chains per node over disjoint stretches of the cursor space (a power of 2). */
  scanChains?: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { scanCount: 1000, keysPerCall: 100, maxInFlight: 8, scanChains: 2 };
