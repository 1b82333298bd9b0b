import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickFixTitle } from '../../../../src/core/editor/quickFixTitle';
import { countOf, wordFor } from '../../../../src/core/text/plural';

const root = join(__dirname, '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

describe('counts in user-facing text', () => {
  it('says "1 key" and "2 keys", with grouping and irregular plurals', () => {
    expect(countOf(1, 'key')).toBe('1 key');
    expect(countOf(0, 'key')).toBe('0 keys');
    expect(countOf(1234, 'key')).toBe('1,234 keys');
    expect(countOf(2, 'hash', 'hashes')).toBe('2 hashes');
    expect(wordFor(1, 'has', 'have')).toBe('has');
    expect(wordFor(3, 'has', 'have')).toBe('have');
  });

  it('no hand-made plural remains in user-facing text ("key(s)", "n === 1 ? \'\' : \'s\'")', () => {
    const folders = ['src/extension', 'src/cli', 'src/core', 'webview'];
    const offenders = folders.flatMap((folder) =>
      sourceFiles(join(root, folder)).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, where: `${relative(root, file)}:${index + 1}` }))
          // A "(s)" right after an interpolation or a word inside a template or string is a lazy plural.
          .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line))
          // "(s)" inside a string or template literal, or a hand-rolled ternary plural.
          .filter(({ line }) => (line.match(/`[^`]*`|'[^'\n]*'/g) ?? []).some((literal) => /[a-z]\((s|es)\)/.test(literal)) || /=== 1 \? '' : 's'|!== 1 \? 's' : ''/.test(line))
          .map(({ where }) => where),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe('quick-fix titles', () => {
  it('keeps a safe fix\'s description as it is', () => {
    expect(quickFixTitle('Use SET with EX', true)).toBe('Use SET with EX');
  });

  it('puts the review note inside a trailing remark instead of a second pair of parentheses', () => {
    expect(quickFixTitle('Iterate with SCAN instead of KEYS (SCAN may return a key twice and sees concurrent changes)', false)).toBe(
      'Iterate with SCAN instead of KEYS (SCAN may return a key twice and sees concurrent changes; review the change)',
    );
    expect(quickFixTitle('Add an error listener', false)).toBe('Add an error listener (review the change)');
  });
});

describe('Review Workspace result', () => {
  it('names files and findings with the right forms, and says when there were none', async () => {
    const { workspaceReviewResult } = await import('../../../../src/core/editor/workspaceReviewResult');
    expect(workspaceReviewResult({ files: 4, findings: 5, filesWithFindings: 1, cancelled: false })).toBe('4 files reviewed: 5 findings in 1 file');
    expect(workspaceReviewResult({ files: 1, findings: 0, filesWithFindings: 0, cancelled: false })).toBe('1 file reviewed: no findings');
    expect(workspaceReviewResult({ files: 3, findings: 1, filesWithFindings: 1, cancelled: true })).toBe('cancelled after 3 files: 1 finding in 1 file');
  });
});
