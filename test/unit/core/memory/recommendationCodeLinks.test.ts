/**
 * Recommendations about namespaces name the namespace, its counts and the code that writes it (issue #16, item 3):
 * the demo's sessions, 20 % of them without TTL, are reported whatever the sample, and every report format
 * points at the write site.
 */
import { describe, expect, it } from 'vitest';
import { linkReportToCode, type WriteSiteInput } from '../../../../src/core/memory/codeLinkage';
import { evaluateRecommendations } from '../../../../src/core/memory/recommendations/evaluate';
import { toJsonReport, toMarkdown, toText } from '../../../../src/core/memory/reportFormats';
import type { MemoryReport } from '../../../../src/core/memory/types';
import { context, key, many } from './recommendationFixtures';

/** The demo's shape (scripts/seed-demo.ts): 400 sessions, every fifth without TTL; profiles, a third without. */
function demoContext() {
  return context([
    ...many(400, (i) => key(`session:${1000 + i}`, 'hash', { memoryBytes: 136, ttlMs: i % 5 === 0 ? -1 : 1_800_000 })),
    ...many(600, (i) => key(`cache:profile:${i}`, 'string', { memoryBytes: 130, ttlMs: i % 3 === 0 ? -1 : 300_000 })),
    ...many(100, (i) => key(`ratelimit:api:user:${i}`, 'string', { memoryBytes: 60, ttlMs: 60_000 })),
  ]);
}

const SITES: WriteSiteInput[] = [
  { file: 'python-api/sessions.py', keyPattern: 'session:*', command: 'HSET', setsTtl: true, span: { start: { line: 20, column: 4 } } },
  { file: 'python-api/sessions.py', keyPattern: 'cache:profile:*', command: 'SET', setsTtl: true, span: { start: { line: 26, column: 4 } } },
  { file: 'node-api/server.ts', keyPattern: 'cache:user:*', command: 'SET', setsTtl: false, span: { start: { line: 19, column: 8 } } },
];

function linkedDemoReport(): MemoryReport {
  const ctx = demoContext();
  const report: MemoryReport = { ...ctx.report, recommendations: evaluateRecommendations(ctx), durationMs: 5 };
  linkReportToCode(report, SITES);
  return report;
}

describe('recommendations name their namespaces and the code that writes them', () => {
  it('reports sessions with a fifth of them lacking a TTL, with the counts', () => {
    const hit = evaluateRecommendations(demoContext()).find((r) => r.id === 'cache-namespace-without-ttl');
    expect(hit?.evidence).toContain('session:*: 80 of 400 keys (20.0 %) have no TTL');
    expect(hit?.evidence).toContain('cache:*: 200 of 600 keys (33.3 %) have no TTL');
    expect(hit?.namespaces).toEqual(['cache:*', 'session:*']);
    // Rate limits all carry a TTL: not mentioned.
    expect(hit?.evidence).not.toContain('ratelimit');
  });

  it('stays silent for a stray key or two in a big namespace', () => {
    const ctx = context(many(2000, (i) => key(`session:${i}`, 'hash', { ttlMs: i < 15 ? -1 : 1000 })));
    expect(evaluateRecommendations(ctx).find((r) => r.id === 'cache-namespace-without-ttl')).toBeUndefined();
  });

  it('links each namespace of a recommendation to its write sites', () => {
    const report = linkedDemoReport();
    const hit = report.recommendations.find((r) => r.id === 'cache-namespace-without-ttl')!;
    expect(hit.writtenAt?.map((s) => [s.writes, `${s.file}:${s.line}`, s.command])).toEqual([
      ['cache:*', 'python-api/sessions.py:27', 'SET'],
      ['session:*', 'python-api/sessions.py:21', 'HSET'],
    ]);
  });

  it('names the write sites in the text, Markdown and JSON reports', () => {
    const report = linkedDemoReport();
    const text = toText(report);
    expect(text).toMatch(/evidence: .*session:\*: 80 of 400 keys \(20\.0 %\) have no TTL/);
    expect(text).toContain('    code:     cache:* written at python-api/sessions.py:27 (SET); session:* written at python-api/sessions.py:21 (HSET)\n');
    const markdown = toMarkdown(report);
    expect(markdown).toContain('**Code:** `cache:*` written at `python-api/sessions.py:27` (SET); `session:*` written at `python-api/sessions.py:21` (HSET)');
    const json = toJsonReport(report) as { recommendations: Array<{ id: string; namespaces?: string[]; writtenAt?: Array<{ file: string; line: number; writes: string }> }> };
    const hit = json.recommendations.find((r) => r.id === 'cache-namespace-without-ttl')!;
    expect(hit.namespaces).toEqual(['cache:*', 'session:*']);
    expect(hit.writtenAt).toContainEqual(expect.objectContaining({ file: 'python-api/sessions.py', line: 21, writes: 'session:*' }));
  });

  it('links example keys of key-level recommendations through the sites whose pattern matches them', () => {
    const ctx = context([key('feed:42', 'list', { length: 20_000 })]);
    const report: MemoryReport = { ...ctx.report, recommendations: evaluateRecommendations(ctx), durationMs: 1 };
    linkReportToCode(report, [{ file: 'web/feed.ts', keyPattern: 'feed:*', command: 'LPUSH', setsTtl: false, span: { start: { line: 9, column: 2 } } }]);
    const hit = report.recommendations.find((r) => r.id === 'list-without-trim')!;
    expect(hit.writtenAt).toEqual([expect.objectContaining({ file: 'web/feed.ts', line: 10, command: 'LPUSH', writes: 'feed:42' })]);
  });
});
