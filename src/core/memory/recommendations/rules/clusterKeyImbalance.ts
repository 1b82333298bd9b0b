/** One Cluster master holds far more keys than the average: usually a shared hash tag. */
import { flattenNamespaces } from '../../namespaceTree';
import { formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';

const RATIO = 1.5;
const MIN_EXCESS = 1000;

export const clusterKeyImbalance: Recommendation = {
  id: 'cluster-key-imbalance',
  severity: 'warning',
  title: 'Key imbalance across Cluster masters',
  rationale: 'Keys spread evenly over slots unless a hash tag ({...}) forces many of them into one slot; that master then carries a disproportionate share of keys and traffic.',
  check({ facts, report }) {
    if (!facts.cluster || report.nodes.length < 2) return undefined;
    const average = report.nodes.reduce((sum, n) => sum + n.keys, 0) / report.nodes.length;
    const fullest = [...report.nodes].sort((a, b) => b.keys - a.keys)[0];
    if (fullest.keys < average * RATIO || fullest.keys - average < MIN_EXCESS) return undefined;
    const tagged = flattenNamespaces(report.namespaces).filter((n) => /\{[^}]*\}/.test(n.pattern)).slice(0, 3);
    return {
      evidence: `${fullest.node} holds ${formatCount(fullest.keys)} keys vs an average of ${formatCount(average)} per master${tagged.length ? `; namespaces with hash tags: ${tagged.map((n) => n.pattern).join(', ')}` : ''}.`,
      action: 'Hash-tag only what must share a slot (the keys of one entity, e.g. user:{42}:cart and user:{42}:profile), never a constant like {app}; then move slots with redis-cli --cluster rebalance.',
      examples: tagged.map((n) => n.pattern),
    };
  },
};
