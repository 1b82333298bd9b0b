/**
 * The import lines a re-analysis compares (a change re-analyses the whole file) are found by a substring search
 * for import/export/require and the pattern tried on those lines only: the answer must be the pattern's on the
 * whole text, whatever the line breaks (CRLF, a lone CR, U+2028, which the pattern's ^ also takes as line starts).
 */
import { describe, expect, it } from 'vitest';
import { importLines } from '../../../../src/core/analysis/incremental';

const WHOLE_TEXT = /^[ \t]*(?:import\b|from[ \t]+\S+[ \t]+import\b|export\b[^\n]*\bfrom\b)[^\n]*|^[^\n]*\brequire[ \t]*\([^\n]*/gm;
const reference = (text: string) => (text.match(WHOLE_TEXT) ?? []).join('\n');

const PIECES = [
  'import os',
  'from redis import Redis',
  'from   .cache\timport x',
  '  import json',
  'x = 1',
  "const r = require('ioredis')",
  "export { a } from './a'",
  'export const x = 1',
  'important = True',
  'reimport()',
  'def f():\n    return requirement(x)',
  "  y = require ('redis')",
  '# import in a comment',
  '"""docstring that says: from a import b"""',
  'exported_from = 2',
];
const BREAKS = ['\n', '\r\n', '\r', '\u2028', '\n\n', ''];

describe('import lines', () => {
  it('are the whole-text pattern matches, for any mix of lines and line breaks', () => {
    let state = 7;
    const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = Math.floor(next() * 8); n > 0; n--) text += PIECES[Math.floor(next() * PIECES.length)] + BREAKS[Math.floor(next() * BREAKS.length)];
      expect(importLines(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it('keep a file without imports empty and keep their order', () => {
    expect(importLines('x = 1\ny = 2\n')).toBe('');
    expect(importLines("const a = require('a')\nimport b\nexport * from 'c'\n")).toBe("const a = require('a')\nimport b\nexport * from 'c'");
  });
});
