/** Sorted sets with more than 100,000 members: range deletes and DEL become long blocking calls. */
import { countKeys, describeKey, exampleKeys, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf } from '../../../text/plural';

const THRESHOLD = 100_000;

export const bigSortedSet: Recommendation = {
  id: 'big-sorted-set',
  severity: 'warning',
  title: 'Bound or partition big sorted sets',
  rationale: 'ZRANGE with large ranges, ZREMRANGEBYSCORE over many members and DEL of a skiplist with hundreds of thousands of members run for milliseconds on the command thread.',
  check({ keys }) {
    const count = countKeys(keys, 'zset', (k) => k.length > THRESHOLD);
    if (count === 0) return undefined;
    const examples = exampleKeys(keys, 'zset', (k) => k.length > THRESHOLD);
    return {
      evidence: `${countOf(count, 'sorted set')} with more than ${formatCount(THRESHOLD)} members, e.g. ${examples.map((k) => describeKey(k, 'members')).join(', ')}.`,
      action: 'Trim after each write (ZADD then ZREMRANGEBYRANK <key> 0 -<max+1>), or partition by time (<key>:<yyyymmdd>) with EXPIRE on each part; delete with UNLINK.',
      examples: examples.map((k) => k.key),
    };
  },
};
