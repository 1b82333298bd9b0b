/** Keys in more than one logical database: not supported by Cluster, invisible to most tools, one shared thread. */
import { parseInfoPairs } from '../../../info/parseInfo';
import { formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf } from '../../../text/plural';

export const logicalDatabases: Recommendation = {
  id: 'logical-databases',
  severity: 'info',
  title: 'Avoid using logical databases',
  rationale: 'Databases other than 0 do not exist in Cluster, share one command thread and one memory limit with db0, and cannot be given separate eviction or persistence settings.',
  check({ facts }) {
    if (facts.cluster) return undefined;
    const node = facts.nodes[0];
    if (!node) return undefined;
    const used = Object.entries(node.info)
      .filter(([field, value]) => /^db\d+$/.test(field) && Number(parseInfoPairs(value).keys) > 0)
      .map(([field, value]) => `${field} (${countOf(Number(parseInfoPairs(value).keys), 'key')})`);
    if (used.length <= 1) return undefined;
    return {
      evidence: `${used.length} databases hold keys: ${used.join(', ')}.`,
      action: 'Move each database\'s keys into db0 under its own prefix (e.g. app1:, app2:), or give each workload its own Redis instance so it can have its own maxmemory and policy.',
      examples: used,
    };
  },
};
