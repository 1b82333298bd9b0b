/** Hashes encoded as hashtable: past hash-max-listpack-entries (or -value), each field costs several times more. */
import { configNumber } from '../../serverFacts';
import { countKeys, describeKey, exampleKeys, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf, wordFor } from '../../../text/plural';

export const hashPastListpack: Recommendation = {
  id: 'hash-past-listpack',
  severity: 'info',
  title: 'Keep hashes within the listpack limits',
  rationale: 'A hash with at most hash-max-listpack-entries fields and values of at most hash-max-listpack-value bytes is stored as one compact listpack; past either limit it converts to a hashtable costing roughly 3-5x more per field.',
  check({ keys, report, facts }) {
    const converted = report.encodings.hash?.hashtable ?? 0;
    const node = facts.nodes[0];
    if (converted === 0 || !node) return undefined;
    const entries = configNumber(node, 'hash-max-listpack-entries', 'hash-max-ziplist-entries') ?? 128;
    const valueLimit = configNumber(node, 'hash-max-listpack-value', 'hash-max-ziplist-value') ?? 64;
    const nearLimit = countKeys(keys, 'hash', (k) => k.length > entries && k.length <= entries * 4);
    const examples = exampleKeys(keys, 'hash', (k) => k.encoding === 'hashtable' && k.length <= entries * 4);
    const byValue = countKeys(keys, 'hash', (k) => k.length <= entries) - (report.encodings.hash?.listpack ?? 0);
    const action = nearLimit > 0
      ? `hash-max-listpack-entries ${Math.min(1024, 2 ** Math.ceil(Math.log2(entries * 4)))} (redis.conf or CONFIG SET) covers the ${formatCount(nearLimit)} hashes just past the limit; split larger hashes into buckets.`
      : `Split hashes into buckets of at most ${entries} fields (HSET <key>:{field-hash % N}), and keep field values under ${valueLimit} bytes (store big values as separate keys).`;
    return {
      evidence: `${countOf(converted, 'hash', 'hashes')} ${wordFor(converted, 'is', 'are')} hashtable-encoded (limits: ${entries} entries, ${valueLimit}-byte values)${byValue > 0 ? `; ${formatCount(byValue)} of them ${wordFor(byValue, 'has', 'have')} few fields, so a long value converted them` : ''}${examples.length ? `, e.g. ${examples.map((k) => describeKey(k, 'fields')).join(', ')}` : ''}.`,
      action,
      examples: examples.map((k) => k.key),
    };
  },
};
