/** The shape of a memory recommendation: metadata plus a check over the analysis that yields evidence and an action. */
import type { MemoryCollector } from '../memoryCollector';
import type { ServerFacts } from '../serverFacts';
import type { MemoryReport, RecommendationResult } from '../types';

export interface RecommendationContext {
  report: Omit<MemoryReport, 'recommendations' | 'durationMs'>;
  /** Per-key columns and top lists (counts are weighted: estimates when sampling). */
  keys: MemoryCollector;
  facts: ServerFacts;
}

export interface RecommendationHit {
  /** Numbers and example keys that show the problem. */
  evidence: string;
  /** A concrete change: a config line or a code change. */
  action: string;
  examples?: string[];
  /** Namespace patterns the hit is about ("session:*"): the report links them to the code that writes them. */
  namespaces?: string[];
}

export interface Recommendation {
  /** Stable kebab-case id. */
  id: string;
  severity: RecommendationResult['severity'];
  title: string;
  /** Why it matters (documentation shown next to the evidence). */
  rationale: string;
  check(context: RecommendationContext): RecommendationHit | undefined;
}
