import { describe, expect, it } from 'vitest';
import type { Finding, Fix } from '../../../../src/core/findings';
import { applyTextEdits, combineSafeFixes } from '../../../../src/core/editor/fixAll';

function finding(start: number, end: number, fixes: Fix[]): Finding {
  const point = { line: 0, column: start };
  return {
    ruleId: 'keys-command',
    code: 'RR101',
    severity: 'warning',
    message: 'm',
    span: { start: point, end: { line: 0, column: end }, startOffset: start, endOffset: end },
    fixes,
  };
}

describe('combineSafeFixes', () => {
  it('takes the first safe fix of each finding and skips unsafe-only findings', () => {
    const text = 'aaa bbb ccc';
    const result = combineSafeFixes([
      finding(8, 11, [{ description: 'c', safe: true, edits: [{ startOffset: 8, endOffset: 11, newText: 'C' }] }]),
      finding(0, 3, [
        { description: 'unsafe', safe: false, edits: [{ startOffset: 0, endOffset: 3, newText: 'X' }] },
        { description: 'safe', safe: true, edits: [{ startOffset: 0, endOffset: 3, newText: 'A' }] },
      ]),
      finding(4, 7, [{ description: 'b', safe: false, edits: [{ startOffset: 4, endOffset: 7, newText: 'B' }] }]),
    ]);
    expect(result.fixedCount).toBe(2);
    expect(result.skippedCount).toBe(0);
    expect(applyTextEdits(text, result.edits)).toBe('A bbb C');
  });

  it('skips a fix that overlaps one already taken, including two insertions at one point', () => {
    const result = combineSafeFixes([
      finding(0, 5, [{ description: 'one', safe: true, edits: [{ startOffset: 0, endOffset: 5, newText: 'x' }] }]),
      finding(3, 8, [{ description: 'two', safe: true, edits: [{ startOffset: 3, endOffset: 8, newText: 'y' }] }]),
      finding(9, 9, [{ description: 'ins', safe: true, edits: [{ startOffset: 9, endOffset: 9, newText: '!' }] }]),
      finding(9, 10, [{ description: 'ins2', safe: true, edits: [{ startOffset: 9, endOffset: 9, newText: '?' }] }]),
    ]);
    expect(result.fixedCount).toBe(2);
    expect(result.skippedCount).toBe(2);
    expect(result.edits.map((edit) => edit.newText)).toEqual(['x', '!']);
  });
});

describe('applyTextEdits', () => {
  it('applies edits given in any order against the original offsets', () => {
    expect(
      applyTextEdits('0123456789', [
        { startOffset: 1, endOffset: 2, newText: 'one' },
        { startOffset: 8, endOffset: 8, newText: '+' },
        { startOffset: 4, endOffset: 6, newText: '' },
      ]),
    ).toBe('0one2367+89');
  });
});
