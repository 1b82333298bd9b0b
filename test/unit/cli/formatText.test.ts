/** The text formatter on a one-line file with more findings than a function call takes arguments. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings';
import { formatText } from '../../../src/cli/lint/formatText';

function findingAt(column: number): Finding {
  return {
    ruleId: 'keys-command',
    code: 'RR001',
    severity: 'error',
    message: 'KEYS scans every key',
    span: { start: { line: 0, column }, end: { line: 0, column: column + 4 }, startOffset: column, endOffset: column + 4 },
  } as Finding;
}

describe('formatText', () => {
  // Explicit timeout: formatting 200k rows takes seconds on a busy machine, and speed is not what is tested.
  it('prints 200,000 findings of one file (a minified bundle) without overflowing the stack', { timeout: 120_000 }, () => {
    const findings = Array.from({ length: 200_000 }, (_, i) => findingAt(i * 12));
    const text = formatText({ files: [{ path: '/p/bundle.js', displayPath: 'bundle.js', findings }], notices: [], internalErrors: 0, unreadable: [] });
    expect(text).toContain('  1:1        error  KEYS scans every key  keys-command');
    expect(text).toContain('✖ 200,000 problems (200,000 errors, 0 warnings, 0 infos) in 1 file checked');
  });
});

describe('formatText summary words', () => {
  const finding = (fixable: boolean) => ({ ruleId: 'keys-command', severity: 'error' as const, message: 'KEYS scans every key', span: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 4, offset: 4 } }, ...(fixable ? { fixes: [{ description: 'x', safe: true, edits: [] }] } : {}) });
  const report = (findings: ReturnType<typeof finding>[]) => ({ files: [{ path: '/p/a.js', displayPath: 'a.js', findings }], unreadable: [] }) as unknown as Parameters<typeof formatText>[0];

  it('agrees in number: "1 problem", "It has", "1 of them has"', () => {
    expect(formatText(report([finding(true)]))).toContain('✖ 1 problem (1 error, 0 warnings, 0 infos) in 1 file checked\n  It has a safe quick fix');
    expect(formatText(report([finding(true), finding(false)]))).toContain('  1 of them has a safe quick fix');
    expect(formatText(report([finding(true), finding(true), finding(false)]))).toContain('  2 of them have a safe quick fix');
  });
});
