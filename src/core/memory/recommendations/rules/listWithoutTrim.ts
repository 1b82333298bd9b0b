/** Lists with more than 10,000 elements and no TTL: LPUSH without LTRIM grows forever. */
import { countKeys, describeKey, exampleKeys, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf, wordFor } from '../../../text/plural';

const THRESHOLD = 10_000;

export const listWithoutTrim: Recommendation = {
  id: 'list-without-trim',
  severity: 'warning',
  title: 'Cap lists that only grow',
  rationale: 'Feeds, logs and queues built with LPUSH/RPUSH and no LTRIM or TTL grow without bound; LRANGE and LINDEX in the middle are O(N).',
  check({ keys }) {
    const count = countKeys(keys, 'list', (k) => k.length > THRESHOLD && k.ttl < 0);
    if (count === 0) return undefined;
    const examples = exampleKeys(keys, 'list', (k) => k.length > THRESHOLD && k.ttlMs < 0);
    return {
      evidence: `${countOf(count, 'list')} without TTL ${wordFor(count, 'holds', 'hold')} more than ${formatCount(THRESHOLD)} elements, e.g. ${examples.map((k) => describeKey(k, 'elements')).join(', ')}.`,
      action: 'Trim in the same pipeline as the push: LPUSH <key> v then LTRIM <key> 0 999 (keeps the newest 1,000); for queues make sure consumers pop, or move them to a stream with MAXLEN.',
      examples: examples.map((k) => k.key),
    };
  },
};
