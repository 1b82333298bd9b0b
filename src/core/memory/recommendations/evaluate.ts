/** Runs every registered recommendation over an analysis and returns the ones that fire, most severe first. */
import type { RecommendationResult } from '../types';
import type { Recommendation, RecommendationContext } from './recommendation';
import { RECOMMENDATIONS } from './registry';

const ORDER: Record<RecommendationResult['severity'], number> = { error: 0, warning: 1, info: 2 };

export function evaluateRecommendations(context: RecommendationContext, rules: Recommendation[] = RECOMMENDATIONS): RecommendationResult[] {
  const results: RecommendationResult[] = [];
  for (const rule of rules) {
    const hit = rule.check(context);
    if (!hit) continue;
    results.push({ id: rule.id, severity: rule.severity, title: rule.title, evidence: hit.evidence, action: hit.action, ...(hit.examples?.length ? { examples: hit.examples } : {}), ...(hit.namespaces?.length ? { namespaces: hit.namespaces } : {}) });
  }
  return results.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
