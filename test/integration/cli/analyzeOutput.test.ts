/** `analyze --out`: an unwritable target is one clear sentence and exit 2; a symlink is replaced, never written through. */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { startStandalone, type Standalone } from '../../helpers/redisServers';

let server: Standalone;
let dir: string;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  server = await startStandalone();
  dir = mkdtempSync(join(tmpdir(), 'rr-analyze-out-'));
});

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('analyze --out', () => {
  it.each([['/proc/redis-review/report.json'], ['a-file/report.json'], ['missing/report.json']])('refuses %s in one sentence before analysing (exit 2)', async (target) => {
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const { code, stderr } = await cli('analyze', '--url', server.url, '--out', target);
    expect(code).toBe(2);
    // Checked before connecting: no LRU warning, no analysis, just the reason.
    expect(stderr).toMatch(/^redis-review analyze: --out \S+: (the folder \S+ (does not exist|is not a folder)|\S+ is a file, not a folder)\n$/);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('replaces a symlink named like the report instead of writing through it', async () => {
    writeFileSync(join(dir, 'precious.txt'), 'keep me');
    symlinkSync(join(dir, 'precious.txt'), join(dir, 'report.md'));
    const { code } = await cli('analyze', '--url', server.url, '--format', 'markdown', '--out', 'report.md');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
    expect(lstatSync(join(dir, 'report.md')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('# Redis memory analysis');
  });
});
