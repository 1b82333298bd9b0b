/** The lint walk on real folders: symlink loops end, every file is listed once, bad .gitignore lines are skipped with a warning. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkFiles } from '../../../src/node/workspaceFiles';

let root: string;

function write(path: string, text = 'import redis\n'): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}

const walk = (paths: string[] = ['.'], ignoreGlobs: string[] = []) => {
  const result = walkFiles(paths, { root, accept: (path) => path.endsWith('.py'), ignoreGlobs });
  return { ...result, files: result.files.map((file) => relative(root, file).split('\\').join('/')) };
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-walk-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('walkFiles', () => {
  it('ends on two symlinks to "." in one folder and lists each file once', () => {
    write('app/a.py');
    write('app/b.py');
    symlinkSync('.', join(root, 'app', 'loop1'));
    symlinkSync('.', join(root, 'app', 'loop2'));
    expect(walk().files).toEqual(['app/a.py', 'app/b.py']);
  });

  it('does not lint a file again through a symlink to a parent folder', () => {
    write('a.py');
    write('sub/b.py');
    symlinkSync('..', join(root, 'sub', 'up'));
    expect(walk().files).toEqual(['a.py', 'sub/b.py']);
  });

  it('does not climb out of the named folder through a symlink to its parent', () => {
    write('outside.py');
    write('sub/b.py');
    symlinkSync('..', join(root, 'sub', 'up'));
    expect(walk(['sub']).files).toEqual(['sub/b.py']);
  });

  it('lists a file once when a folder and a symlink to it are both named', () => {
    write('lib/c.py');
    symlinkSync('lib', join(root, 'alias'));
    expect(walk(['lib', 'alias']).files).toEqual(['lib/c.py']);
  });

  it('skips dangling and self-referencing symlinks without failing', () => {
    write('a.py');
    symlinkSync('missing.py', join(root, 'dangling.py'));
    symlinkSync('self.py', join(root, 'self.py'));
    const result = walk();
    expect(result.files).toEqual(['a.py']);
    expect(result.unreadable).toEqual([]);
  });

  it('never opens a FIFO: skipped in a walk, reported as not a regular file when named', () => {
    write('a.py');
    execFileSync('mkfifo', [join(root, 'pipe.py')]);
    expect(walk().files).toEqual(['a.py']);
    expect(walk(['pipe.py']).unreadable).toEqual([{ path: join(root, 'pipe.py'), kind: 'file', reason: 'not a regular file' }]);
  });

  it('skips an invalid .gitignore pattern with a warning naming the file and line, and honours the rest', () => {
    write('.gitignore', 'foo{\n[abc\nbuild*/\n*.gen.py\n');
    write('foo{');
    write('a.py');
    write('x.gen.py');
    write('builder/b.py');
    const result = walk();
    expect(result.files).toEqual(['a.py']);
    expect(result.warnings).toEqual([expect.stringMatching(/\.gitignore:2: pattern "\[abc" skipped: the "\[" at column 1 is never closed/)]);
  });

  it('matches a .gitignore pattern with many stars against a long name without backtracking', () => {
    // A regex translation needs astronomically many steps for this pair; the vitest timeout is the hang detector.
    write('.gitignore', `${'*a'.repeat(30)}*b.py\n`);
    write(`${'a'.repeat(200)}.py`);
    write(`${'a'.repeat(100)}b.py`);
    expect(walk().files).toEqual([`${'a'.repeat(200)}.py`]);
  });

  it('matches a config ignore glob with many stars without backtracking, and treats an unclosed "{" literally', () => {
    write(`${'a'.repeat(200)}.py`);
    write('x{.py');
    write('keep.py');
    expect(walk(['.'], [`${'*a'.repeat(30)}*b*`, 'x{.py']).files).toEqual([`${'a'.repeat(200)}.py`, 'keep.py']);
  });
});
