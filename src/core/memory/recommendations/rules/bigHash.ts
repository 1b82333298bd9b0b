/** Hashes with more than 5,000 fields: HGETALL and DEL on them block the server. */
import { countKeys, describeKey, exampleKeys, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf } from '../../../text/plural';

const THRESHOLD = 5000;

export const bigHash: Recommendation = {
  id: 'big-hash',
  severity: 'warning',
  title: 'Shard big hashes into smaller ones',
  rationale: `A hash with more than ${formatCount(THRESHOLD)} fields is a hashtable: HGETALL/HKEYS are O(N) on the single command thread, DEL frees it synchronously, and it cannot spread over Cluster slots.`,
  check({ keys }) {
    const count = countKeys(keys, 'hash', (k) => k.length > THRESHOLD);
    if (count === 0) return undefined;
    const examples = exampleKeys(keys, 'hash', (k) => k.length > THRESHOLD);
    return {
      evidence: `${countOf(count, 'hash', 'hashes')} with more than ${formatCount(THRESHOLD)} fields, e.g. ${examples.map((k) => describeKey(k, 'fields')).join(', ')}.`,
      action: 'Split each hash into buckets by a hash of the field: HSET <key>:{bucket} <field> <value> with bucket = crc32(field) % 100; read with HSCAN instead of HGETALL, delete with UNLINK.',
      examples: examples.map((k) => k.key),
    };
  },
};
