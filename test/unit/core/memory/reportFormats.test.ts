import { describe, expect, it } from 'vitest';
import { parseKeySizes, keySizeTotal } from '../../../../src/core/memory/keySizes';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { toJsonReport, toMarkdown, toText } from '../../../../src/core/memory/reportFormats';
import type { MemoryReport } from '../../../../src/core/memory/types';

function report(): MemoryReport {
  const collector = new MemoryCollector();
  collector.add({ key: 'user:1', type: 'hash', encoding: 'listpack', ttlMs: -1, memoryBytes: 120, length: 3 }, 'n');
  collector.add({ key: 'cache:a|b', type: 'string', encoding: 'embstr', ttlMs: 5000, memoryBytes: 60, length: 5 }, 'n');
  return {
    ...collector.build(),
    recommendations: [{ id: 'big-hash', severity: 'warning', title: 'Shard', evidence: 'e', action: 'a', examples: ['user:1'] }],
    durationMs: 12,
  };
}

describe('report formats', () => {
  it('JSON carries exactly the documented keys for byType entries and recommendations', () => {
    const json = toJsonReport(report());
    for (const field of ['totalKeys', 'totalMemoryBytes', 'byType', 'namespaces', 'topKeysByMemory', 'ttlBuckets', 'encodings', 'recommendations', 'durationMs']) {
      expect(json).toHaveProperty(field);
    }
    expect(json.byType).toEqual({ hash: { keys: 1, memoryBytes: 120, p50: 120, p90: 120, p99: 120, max: 120 }, string: { keys: 1, memoryBytes: 60, p50: 60, p90: 60, p99: 60, max: 60 } });
    expect(json.recommendations).toEqual([{ id: 'big-hash', severity: 'warning', title: 'Shard', evidence: 'e', action: 'a' }]);
    expect(json.totalKeys).toBe(2);
  });

  it('Markdown has every section and escapes table pipes', () => {
    const markdown = toMarkdown(report());
    for (const heading of ['## By type', '## Namespaces', '## Top keys by memory', '## TTL', '## Encodings', '## Recommendations (1)']) expect(markdown).toContain(heading);
    expect(markdown).toContain('`cache:a\\|b`');
    expect(markdown).toContain('**Action:** a');
  });

  it('text names totals and recommendations', () => {
    const text = toText(report());
    expect(text).toContain('Full scan of 2 keys');
    expect(text).toContain('[warning] Shard (big-hash)');
  });
});

describe('INFO KEYSIZES (Redis 8)', () => {
  it('parses per-db, per-type power-of-two histograms', () => {
    const histograms = parseKeySizes({ db0_distrib_strings_sizes: '2=1,4=3,1K=2', db0_distrib_lists_items: '8=5', other: 'x' });
    expect(histograms).toEqual({ 'db0 strings sizes': { 2: 1, 4: 3, '1K': 2 }, 'db0 lists items': { 8: 5 } });
    expect(keySizeTotal(histograms)).toBe(11);
  });
});
