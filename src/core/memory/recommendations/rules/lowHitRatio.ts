/** A low keyspace hit ratio: the cache misses more than it should, or code reads keys that are never written. */
import { sumInfo } from '../../serverFacts';
import { formatCount, percent } from '../evidence';
import type { Recommendation } from '../recommendation';

const MIN_LOOKUPS = 10_000;
const RATIO = 0.8;

export const lowHitRatio: Recommendation = {
  id: 'low-hit-ratio',
  severity: 'warning',
  title: 'Low cache hit ratio',
  rationale: 'Below ~80 % hits a cache saves little: TTLs may be too short, evictions too frequent, or readers probe keys that writers never create (a key name mismatch).',
  check({ facts }) {
    const hits = sumInfo(facts, 'keyspace_hits');
    const misses = sumInfo(facts, 'keyspace_misses');
    const lookups = hits + misses;
    if (lookups < MIN_LOOKUPS || hits / lookups >= RATIO) return undefined;
    return {
      evidence: `keyspace_hits ${formatCount(hits)}, keyspace_misses ${formatCount(misses)}: hit ratio ${percent(hits, lookups)}.`,
      action: 'Compare the key patterns read and written (linked write sites below), lengthen TTLs of the namespaces read most, and check evicted_keys; cache negative results with a short TTL.',
    };
  },
};
