/** Files and folders `lint` cannot read are reported in every format and fail the run (exit 2), never "No problems". */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliUnprivileged } from '../../helpers/unprivilegedCli';

let root: string;
const CLEAN = 'import redis\n\nr = redis.Redis()\nr.get("k")\n';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-unreadable-'));
  chmodSync(root, 0o755);
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, 'clean.py'), CLEAN);
  writeFileSync(join(root, 'secret.py'), CLEAN, { mode: 0o000 });
  chmodSync(join(root, 'secret.py'), 0o000);
  mkdirSync(join(root, 'locked'));
  writeFileSync(join(root, 'locked', 'inner.py'), CLEAN);
  chmodSync(join(root, 'locked'), 0o000);
});
afterAll(() => {
  chmodSync(join(root, 'locked'), 0o755);
  rmSync(root, { recursive: true, force: true });
});

describe('lint with unreadable input', { timeout: 120_000 }, () => {
  it('names an unreadable file given on the command line in text output and exits 2', () => {
    const run = runCliUnprivileged(['lint', 'secret.py', 'clean.py'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('secret.py\n  error  cannot read this file: permission denied');
    expect(run.stdout).not.toContain('✔ No problems');
    expect(run.stderr).toContain('cannot read file secret.py: permission denied');
  });

  it('reports an unreadable folder found by the walk in JSON and fails', () => {
    const run = runCliUnprivileged(['lint', '--format', 'json'], root);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual([]);
    expect(report.unreadable).toEqual([
      { file: 'locked', kind: 'folder', reason: 'permission denied' },
      { file: 'secret.py', kind: 'file', reason: 'permission denied' },
    ]);
  });

  it('marks the SARIF run unsuccessful with an error notification per unreadable path', () => {
    const run = runCliUnprivileged(['lint', '--format', 'sarif'], root);
    expect(run.code).toBe(2);
    const invocation = JSON.parse(run.stdout).runs[0].invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    const errors = invocation.toolExecutionNotifications.filter((n: { level: string }) => n.level === 'error');
    expect(errors.map((n: { message: { text: string } }) => n.message.text)).toEqual(['cannot read folder locked: permission denied', 'cannot read file secret.py: permission denied']);
  });
});
