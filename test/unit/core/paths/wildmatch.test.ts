/** The linear-time glob matcher against the .gitignore semantics git documents. */
import { describe, expect, it } from 'vitest';
import { gitignoreVerdict, parseGitignore } from '../../../../src/core/paths/gitignore';
import { configGlobMatcher, configGlobMatches } from '../../../../src/core/paths/configGlob';
import { compileGlob, matchGlob } from '../../../../src/core/paths/wildmatch';

const matches = (pattern: string, path: string) => {
  const glob = compileGlob(pattern);
  if (!glob.ok) throw new Error(glob.reason);
  return matchGlob(glob, path);
};

describe('matchGlob', () => {
  it.each([
    ['*.py', 'a.py', true],
    ['*.py', 'dir/a.py', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[abc].py', 'b.py', true],
    ['[!abc].py', 'b.py', false],
    ['[a-c]x', 'cx', true],
    ['[]]x', ']x', true],
    ['\\*x', '*x', true],
    ['\\*x', 'ax', false],
    ['**/foo', 'foo', true],
    ['**/foo', 'a/b/foo', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'ab', false],
    ['abc/**', 'abc/x/y', true],
    ['abc/**', 'abc', false],
    ['a**b', 'axxb', true],
    ['a**b', 'ax/b', false],
    ['foo{', 'foo{', true],
  ])('%s vs %s → %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  it('rejects an unclosed class and a trailing backslash with a reason', () => {
    expect(compileGlob('[abc')).toEqual({ ok: false, reason: expect.stringContaining('never closed') });
    expect(compileGlob('abc\\')).toEqual({ ok: false, reason: expect.stringContaining('trailing backslash') });
  });

  it('answers pathological star patterns at once (no backtracking)', () => {
    const pattern = `${'*a'.repeat(40)}*b`;
    expect(matches(pattern, 'a'.repeat(5000))).toBe(false);
    expect(matches(pattern, `${'a'.repeat(5000)}b`)).toBe(true);
    expect(matches('**/'.repeat(40) + 'x', `${'d/'.repeat(2000)}y`)).toBe(false);
  });
});

describe('parseGitignore', () => {
  it('reads comments, negation, escapes, trailing spaces, folder-only and anchored patterns', () => {
    const { patterns, warnings } = parseGitignore('\uFEFF# comment\n*.log\n!keep.log\n\\#hash\nbuild/\n/top.py\ndocs/*.md\ntrailing   \n[bad\n');
    expect(warnings).toEqual([{ line: 9, pattern: '[bad', reason: expect.any(String) }]);
    expect(gitignoreVerdict(patterns, 'x/a.log', false)).toBe(true);
    expect(gitignoreVerdict(patterns, 'keep.log', false)).toBe(false);
    expect(gitignoreVerdict(patterns, '#hash', false)).toBe(true);
    expect(gitignoreVerdict(patterns, 'x/build', true)).toBe(true);
    expect(gitignoreVerdict(patterns, 'x/build', false)).toBeUndefined();
    expect(gitignoreVerdict(patterns, 'top.py', false)).toBe(true);
    expect(gitignoreVerdict(patterns, 'sub/top.py', false)).toBeUndefined();
    expect(gitignoreVerdict(patterns, 'docs/a.md', false)).toBe(true);
    expect(gitignoreVerdict(patterns, 'trailing', false)).toBe(true);
  });
});

describe('config globs', () => {
  it('expands braces, matches names at any depth without a slash, and paths from the root with one', () => {
    expect(configGlobMatches('*.{py,ts}', 'a/b/c.ts')).toBe(true);
    expect(configGlobMatches('src/**/*.py', 'src/a/b.py')).toBe(true);
    expect(configGlobMatches('./src/*.py', 'src/b.py')).toBe(true);
    expect(configGlobMatches('src/*.py', 'lib/src/b.py')).toBe(false);
    expect(configGlobMatches('x{', 'x{')).toBe(true);
  });

  it('refuses a glob whose braces expand past the cap or whose class is unclosed', () => {
    expect(typeof configGlobMatcher('{a,b}'.repeat(10))).toBe('string');
    expect(typeof configGlobMatcher('[ab')).toBe('string');
  });
});
