/** Many tiny strings: each pays ~50 bytes of key and dict overhead that a listpack-encoded hash does not. */
import { flattenNamespaces } from '../../namespaceTree';
import { countKeys, formatBytes, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf } from '../../../text/plural';

const SMALL_BYTES = 200;
const MIN_COUNT = 1000;

export const smallStringsToHashes: Recommendation = {
  id: 'small-strings-to-hashes',
  severity: 'info',
  title: 'Combine small strings into hashes',
  rationale: 'A key costs a dict entry, a key sds and a robj on top of its value; grouping ~100 small values into a hash kept under hash-max-listpack-entries stores them in one compact listpack.',
  check({ keys, report }) {
    const count = countKeys(keys, 'string', (k) => k.memory < SMALL_BYTES);
    if (count < MIN_COUNT) return undefined;
    const namespaces = flattenNamespaces(report.namespaces)
      .filter((n) => n.depth === 1 && (n.types.string ?? 0) >= n.keys * 0.9 && n.averageBytes < SMALL_BYTES && n.keys >= 100)
      .sort((a, b) => b.keys - a.keys)
      .slice(0, 3);
    const where = namespaces.map((n) => `${n.pattern} (${countOf(n.keys, 'key')}, avg ${formatBytes(n.averageBytes)})`).join(', ');
    return {
      evidence: `${formatCount(count)} strings use less than ${SMALL_BYTES} bytes each${where ? `, mostly in ${where}` : ''}.`,
      action: 'Store them as fields of bucket hashes: instead of SET object:<id> v, use HSET object:{<id> / 100} <id % 100> v (100 fields stays below hash-max-listpack-entries 128), and HGET to read.',
      examples: namespaces.map((n) => n.pattern),
      namespaces: namespaces.map((n) => n.pattern),
    };
  },
};
