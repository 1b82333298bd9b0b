/** Integer-only sets stored as hashtables because they passed set-max-intset-entries: an intset is ~8x smaller. */
import { configNumber } from '../../serverFacts';
import { formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf, wordFor } from '../../../text/plural';

export const setIntsetLimit: Recommendation = {
  id: 'set-intset-limit',
  severity: 'info',
  title: 'Increase set-max-intset-entries for integer sets',
  rationale: 'Sets whose members are all integers are stored as a sorted array of integers (intset) up to set-max-intset-entries members; beyond it each member becomes a dict entry with an sds string.',
  check({ facts }) {
    const node = facts.nodes[0];
    const candidates = facts.nodes.flatMap((n) => n.integerSets ?? []);
    if (!node || candidates.length === 0) return undefined;
    const limit = configNumber(node, 'set-max-intset-entries') ?? 512;
    const largest = Math.max(...candidates.map((c) => c.length));
    const proposed = Math.min(2 ** Math.ceil(Math.log2(largest + 1)), 8192);
    return {
      evidence: `${countOf(candidates.length, 'set')} ${wordFor(candidates.length, 'has', 'have')} only integer members in a sample of ${wordFor(candidates.length, 'its', 'their')} members but ${wordFor(candidates.length, 'is', 'are')} hashtable-encoded (set-max-intset-entries ${limit}), e.g. ${candidates.slice(0, 3).map((c) => `${c.key} (${formatCount(c.length)} members)`).join(', ')}.`,
      action: largest <= 8192
        ? `set-max-intset-entries ${proposed} in redis.conf (intset lookups are O(log N); stay below ~8k members).`
        : 'Partition these integer sets into buckets of at most 8,192 members (e.g. <key>:<member / 8192>) and raise set-max-intset-entries to 8192.',
      examples: candidates.slice(0, 3).map((c) => c.key),
    };
  },
};
