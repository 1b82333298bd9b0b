/** Paths from the webview: cleaned and kept inside the workspace, whatever mix of slashes and dots they use. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspaceRelativePath } from '../../../../src/core/paths/workspaceRelative';

const workspace = mkdtempSync(join(tmpdir(), 'redis-review-ws-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('workspaceRelativePath', () => {
  it.each([
    'a\\..\\..\\etc\\passwd',
    '..\\secrets',
    'a/../../etc/passwd',
    '../x',
    '..',
    '/etc/passwd',
    '\\\\server\\share\\x',
    '//server/share/x',
    'C:\\Windows\\win.ini',
    'c:relative',
    'a/b/../../..',
    'a\\b\\..\\..\\..\\x',
    '.',
    '',
    'a\0b',
  ])('refuses %j', (path) => {
    expect(workspaceRelativePath(path)).toBeUndefined();
  });

  it.each([
    ['app/sessions.py', 'app/sessions.py'],
    ['app\\sessions.py', 'app/sessions.py'],
    ['./app/../web/profiles.ts', 'web/profiles.ts'],
    ['a\\b\\..\\c.py', 'a/c.py'],
  ])('keeps %j as %j, inside the workspace on disk', (path, expected) => {
    const cleaned = workspaceRelativePath(path);
    expect(cleaned).toBe(expected);
    expect(relative(workspace, resolve(workspace, cleaned!)).startsWith('..')).toBe(false);
  });
});
