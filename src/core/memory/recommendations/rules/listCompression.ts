/** Long lists without quicklist compression: the middle of a long list is rarely read and compresses well. */
import { configNumber } from '../../serverFacts';
import { countKeys, describeKey, exampleKeys, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf, wordFor } from '../../../text/plural';

const THRESHOLD = 1000;

export const listCompression: Recommendation = {
  id: 'list-compression',
  severity: 'info',
  title: 'Enable compression for long lists',
  rationale: 'With list-compress-depth 0 every quicklist node stays uncompressed; depth 1 keeps head and tail nodes plain (fast LPUSH/RPOP) and LZF-compresses the middle.',
  check({ keys, facts }) {
    const node = facts.nodes[0];
    if (!node || (configNumber(node, 'list-compress-depth') ?? 0) > 0) return undefined;
    const count = countKeys(keys, 'list', (k) => k.length > THRESHOLD);
    if (count === 0) return undefined;
    const examples = exampleKeys(keys, 'list', (k) => k.length > THRESHOLD);
    return {
      evidence: `list-compress-depth is 0 and ${countOf(count, 'list')} ${wordFor(count, 'holds', 'hold')} more than ${formatCount(THRESHOLD)} elements, e.g. ${examples.map((k) => describeKey(k, 'elements')).join(', ')}.`,
      action: 'list-compress-depth 1 in redis.conf (CONFIG SET list-compress-depth 1 applies to nodes as they change).',
      examples: examples.map((k) => k.key),
    };
  },
};
