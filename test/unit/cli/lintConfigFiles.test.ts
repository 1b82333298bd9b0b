/** `lint` reads the project's own files as git and editors write them: a BOM in .redis-review.json, odd .gitignore lines. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';

let root: string;

async function lint(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['lint', ...args], { cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-config-files-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app', 'users.py'), 'import redis\n\nr = redis.Redis()\nr.keys("user:*")\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('lint and project files', { timeout: 60_000 }, () => {
  it('accepts a .redis-review.json that starts with a UTF-8 byte order mark', async () => {
    writeFileSync(join(root, '.redis-review.json'), '\uFEFF' + JSON.stringify({ rules: { 'keys-command': 'off' } }));
    const run = await lint();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('lints on past a .gitignore line "foo{" and warns about an unusable pattern, naming file and line', async () => {
    writeFileSync(join(root, '.gitignore'), 'foo{\nbuild[\n');
    const run = await lint('--format', 'json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings).toHaveLength(1);
    expect(run.stderr).toMatch(/warning: .*\.gitignore:2: pattern "build\[" skipped: the "\[" at column 6 is never closed/);
  });

  it('refuses a config glob it cannot use, naming it, instead of crashing or silently matching nothing', async () => {
    writeFileSync(join(root, '.redis-review.json'), JSON.stringify({ ignore: ['app/[x'] }));
    const run = await lint();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(ignore[0]): "app/[x" is not a usable glob');
    expect(run.stderr).not.toMatch(/internal error:|\n    at /);
  });
});
