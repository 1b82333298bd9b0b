/** conf-encoding-thresholds-extreme: listpack thresholds so high that field access becomes a linear scan. */
import type { ConfRule } from '../rule';

const LIMITS: Record<string, number> = {
  'hash-max-listpack-entries': 2048,
  'zset-max-listpack-entries': 2048,
  'set-max-intset-entries': 8192,
  'hash-max-listpack-value': 1024,
  'zset-max-listpack-value': 1024,
};

export const confEncodingThresholdsExtreme: ConfRule = {
  id: 'conf-encoding-thresholds-extreme',
  code: 'RC029',
  severity: 'warning',
  category: 'latency',
  summary: 'Compact-encoding thresholds far above the defaults.',
  rationale: 'Listpacks and intsets are scanned linearly: huge thresholds turn O(1) field access into O(N) on every read. Raise them a little, measuring memory and latency.',
  bad: 'hash-max-listpack-entries 100000',
  good: 'hash-max-listpack-entries 1024',
  sentinel: false,
  check(context) {
    const reports = [];
    for (const [name, limit] of Object.entries(LIMITS)) {
      const directive = context.last(name);
      const value = context.memory(name);
      if (directive && value !== undefined && value > limit) {
        reports.push({ message: `${name} ${directive.args[0].value} is far above the default: reads of these collections become linear scans (keep it ≤ ${limit}).`, ...context.argRange(directive, 0) });
      }
    }
    const list = context.last('list-max-listpack-size');
    const size = context.integer('list-max-listpack-size');
    if (list && size !== undefined && size > 1000) {
      reports.push({ message: `list-max-listpack-size ${size} entries per node makes list edits slow; use a negative size class such as -2 (8 kB).`, ...context.argRange(list, 0) });
    }
    return reports;
  },
};
