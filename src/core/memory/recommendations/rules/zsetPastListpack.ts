/** Sorted sets encoded as skiplist: past zset-max-listpack-entries, each member needs a dict entry and a skiplist node. */
import { configNumber } from '../../serverFacts';
import { countKeys, describeKey, exampleKeys, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf, wordFor } from '../../../text/plural';

export const zsetPastListpack: Recommendation = {
  id: 'zset-past-listpack',
  severity: 'info',
  title: 'Keep small sorted sets within the listpack limits',
  rationale: 'Sorted sets up to zset-max-listpack-entries members (and zset-max-listpack-value bytes each) are a compact listpack; a skiplist-encoded one pays a dict entry plus a skiplist node per member.',
  check({ keys, report, facts }) {
    const converted = report.encodings.zset?.skiplist ?? 0;
    const node = facts.nodes[0];
    if (converted === 0 || !node) return undefined;
    const entries = configNumber(node, 'zset-max-listpack-entries', 'zset-max-ziplist-entries') ?? 128;
    const nearLimit = countKeys(keys, 'zset', (k) => k.length > entries && k.length <= entries * 4);
    const examples = exampleKeys(keys, 'zset', (k) => k.encoding === 'skiplist' && k.length <= entries * 4);
    return {
      evidence: `${countOf(converted, 'sorted set')} ${wordFor(converted, 'is', 'are')} skiplist-encoded (limit ${entries} entries); ${formatCount(nearLimit)} of them ${wordFor(nearLimit, 'has', 'have')} at most ${entries * 4} members${examples.length ? `, e.g. ${examples.map((k) => describeKey(k, 'members')).join(', ')}` : ''}.`,
      action: nearLimit > 0
        ? `zset-max-listpack-entries ${Math.min(1024, 2 ** Math.ceil(Math.log2(entries * 4)))} in redis.conf (CONFIG SET for a live change; existing keys convert when rewritten).`
        : 'These sorted sets are far past any listpack limit: trim them (ZREMRANGEBYRANK) or partition them by time if they keep growing.',
      examples: examples.map((k) => k.key),
    };
  },
};
