/** Partial runs, estimated sizes and warnings are stated up front in every report format. */
import { describe, expect, it } from 'vitest';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { toJsonReport, toMarkdown, toText } from '../../../../src/core/memory/reportFormats';
import type { MemoryReport } from '../../../../src/core/memory/types';

function report(extra: Partial<MemoryReport>): MemoryReport {
  const collector = new MemoryCollector();
  collector.beginNode('n', 10, 'full');
  collector.add({ key: 'user:1', type: 'hash', encoding: 'listpack', ttlMs: -1, memoryBytes: 120, length: 3 }, 'n');
  return { ...collector.build(), recommendations: [], durationMs: 5, ...extra };
}

const partial = { complete: false, incompleteReason: 'interrupted by Ctrl-C (SIGINT)', sizeEstimate: { reason: 'MEMORY is renamed' }, warnings: ['LRU idle times reset'] };

describe('report status', () => {
  it('JSON: complete, reason, estimate flag and warnings', () => {
    expect(toJsonReport(report(partial))).toMatchObject({ complete: false, incompleteReason: 'interrupted by Ctrl-C (SIGINT)', sizesEstimated: true, sizeEstimateReason: 'MEMORY is renamed', warnings: ['LRU idle times reset'] });
    expect(toJsonReport(report({}))).toMatchObject({ complete: true, sizesEstimated: false, warnings: [] });
    expect(toJsonReport(report({}))).not.toHaveProperty('incompleteReason');
  });

  it('text leads with the partial state, the estimate label and the warnings', () => {
    const lines = toText(report(partial)).split('\n');
    expect(lines[0]).toBe('PARTIAL REPORT (complete: false): interrupted by Ctrl-C (SIGINT). The figures cover only the keys inspected so far.');
    expect(lines[1]).toMatch(/^SIZES ARE ESTIMATES .*MEMORY is renamed/);
    expect(lines[2]).toBe('Warning: LRU idle times reset');
    expect(lines[3]).toBe('Partial scan: 1 of 10 keys in 0.0 s.');
    expect(toText(report({}))).not.toMatch(/PARTIAL|ESTIMATES|Warning/);
  });

  it('Markdown quotes the same statements before the figures', () => {
    const markdown = toMarkdown(report(partial));
    expect(markdown.indexOf('> **PARTIAL REPORT (complete: false): interrupted by Ctrl-C (SIGINT).')).toBeGreaterThan(0);
    expect(markdown.indexOf('> **PARTIAL REPORT')).toBeLessThan(markdown.indexOf('## By type'));
    expect(markdown).toContain('> **SIZES ARE ESTIMATES');
    expect(markdown).toContain('(estimated)**');
  });
});
