/** `redis-review scaffold`: lists patterns, writes files, and never overwrites silently. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';

let cwd: string;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'redis-review-scaffold-cli-'));
});

afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('redis-review scaffold', () => {
  it('--list shows every pattern with its languages and default prefix', async () => {
    const { code, stdout } = await cli('scaffold', '--list');
    expect(code).toBe(0);
    for (const pattern of SCAFFOLD_PATTERNS) {
      expect(stdout).toContain(pattern.id);
      expect(stdout).toContain(`prefix "${pattern.defaultPrefix}"`);
    }
    expect(stdout).toContain('python, typescript');
  });

  it('writes the module and tests into --out, creating the folder', async () => {
    const { code, stdout } = await cli('scaffold', 'rate-limiter', '--lang', 'python', '--out', 'src/limits', '--prefix', 'shop:rl', '--with-tests');
    expect(code).toBe(0);
    expect(stdout).toBe('wrote src/limits/rate_limiter.py\nwrote src/limits/test_rate_limiter.py\n');
    expect(readFileSync(join(cwd, 'src/limits/rate_limiter.py'), 'utf8')).toContain('prefix: str = "shop:rl"');
  });

  it('refuses to overwrite existing files unless --force, and writes nothing then', async () => {
    writeFileSync(join(cwd, 'distributedLock.ts'), '// mine\n');
    const refused = await cli('scaffold', 'distributed-lock', '--lang', 'typescript', '--out', '.', '--with-tests');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to overwrite distributedLock.ts (use --force)');
    expect(readFileSync(join(cwd, 'distributedLock.ts'), 'utf8')).toBe('// mine\n');
    expect(existsSync(join(cwd, 'distributedLock.test.ts'))).toBe(false);
    const forced = await cli('scaffold', 'distributed-lock', '--lang', 'typescript', '--out', '.', '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, 'distributedLock.ts'), 'utf8')).toContain('export class RedisLock');
  });

  it('rejects bad input with usage and exit code 2', async () => {
    for (const argv of [
      ['scaffold'],
      ['scaffold', 'rate-limiter', '--lang', 'go', '--out', '.'],
      ['scaffold', 'rate-limiter', '--lang', 'python'],
      ['scaffold', 'no-such-pattern', '--lang', 'python', '--out', '.'],
      ['scaffold', 'rate-limiter', '--lang', 'python', '--out', '.', '--prefix', 'bad{tag}'],
      ['scaffold', 'rate-limiter', '--lang', 'python', '--out', '.', '--bogus'],
    ]) {
      const { code, stderr } = await cli(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toContain('Usage: redis-review scaffold');
    }
  });
});
