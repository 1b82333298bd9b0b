/** `lint` and `conf` with a target server: --server, the project's "server", and valkey*.conf files defaulting to Valkey. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';

let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Rule ids reported per file by `lint --format json`. */
async function lintIds(...args: string[]): Promise<{ code: number; byFile: Record<string, string[]>; stderr: string }> {
  const run = await cli('lint', '--format', 'json', ...args);
  const report = JSON.parse(run.stdout || '{"findings":[]}') as { findings: Array<{ file: string; ruleId: string }> };
  const byFile: Record<string, string[]> = {};
  for (const finding of report.findings) (byFile[finding.file] ??= []).push(finding.ruleId);
  return { code: run.code, byFile, stderr: run.stderr };
}

/** A Valkey-only line, and one every server flags (so each linted file shows up in the report). */
const VALKEY_ONLY = 'cluster-slot-stats-enabled yes\nhz 500\n';

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-server-'));
  mkdirSync(join(root, '.git'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('lint: target server of redis.conf files', () => {
  it('finds valkey*.conf files and lints them for Valkey 8 unless a server is declared', async () => {
    write('deploy/valkey.conf', VALKEY_ONLY);
    write('deploy/valkey-6380.conf', VALKEY_ONLY);
    write('deploy/redis.conf', VALKEY_ONLY);
    const run = await lintIds('deploy');
    expect(Object.keys(run.byFile).sort()).toEqual(['deploy/redis.conf', 'deploy/valkey-6380.conf', 'deploy/valkey.conf']);
    expect(run.byFile['deploy/valkey.conf']).not.toContain('conf-unsupported-version');
    expect(run.byFile['deploy/valkey-6380.conf']).not.toContain('conf-unsupported-version');
    expect(run.byFile['deploy/redis.conf']).toContain('conf-unsupported-version');
  });

  it('--server and the project\'s "server" decide for every file; --server wins over the project file', async () => {
    write('deploy/valkey.conf', VALKEY_ONLY);
    write('deploy/redis.conf', VALKEY_ONLY);
    const flagged = async (...args: string[]) => Object.entries((await lintIds('deploy', ...args)).byFile).filter(([, ids]) => ids.includes('conf-unsupported-version')).map(([path]) => path).sort();
    expect(await flagged('--server', 'valkey-8')).toEqual([]);
    expect(await flagged('--server', 'redis-7.4')).toEqual(['deploy/redis.conf', 'deploy/valkey.conf']);
    write('.redis-review.json', '{ "server": "redis-7.0" }');
    expect(await flagged()).toEqual(['deploy/redis.conf', 'deploy/valkey.conf']);
    expect(await flagged('--server', 'valkey-8')).toEqual([]);
    write('.redis-review.json', '{ "server": "valkey-8" }');
    expect(await flagged()).toEqual([]);
  });

  it('refuses an unknown --server with the valid ids', async () => {
    const run = await cli('lint', '--server', 'redis-6.2', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--server must be one of redis-7.0, redis-7.4, valkey-8, got "redis-6.2"');
  });
});

describe('conf generate --server', () => {
  it('writes the names the target uses: primaryauth/primaryuser and valkey-cli on Valkey, masterauth on Redis', async () => {
    for (const [server, out] of [['valkey-8', 'v'], ['redis-7.0', 'r']] as const) {
      const run = await cli('conf', 'generate', '--server', server, '--workload', 'queue', '--memory', '1gb', '--mode', 'replica', '--out', out);
      expect(run.code, run.stderr).toBe(0);
    }
    const valkey = readFileSync(join(root, 'v', 'redis-replica-1.conf'), 'utf8');
    expect(valkey).toMatch(/^primaryauth \S+$/m);
    expect(valkey).toMatch(/^primaryuser replica$/m);
    expect(valkey).not.toMatch(/^master(auth|user) /m);
    expect(valkey).toMatch(/^hide-user-data-from-log yes$/m);
    expect(readFileSync(join(root, 'v', 'README.md'), 'utf8')).toContain('valkey-server redis.conf');
    const redis = readFileSync(join(root, 'r', 'redis-replica-1.conf'), 'utf8');
    expect(redis).toMatch(/^masterauth \S+$/m);
    expect(redis).not.toMatch(/^hide-user-data-from-log/m);
    // The generated files lint clean for their own server, through the CLI's discovery.
    expect((await cli('lint', '--server', 'valkey-8', 'v')).code).toBe(0);
    expect((await cli('lint', '--server', 'redis-7.0', 'r')).code).toBe(0);
    expect((await lintIds('--server', 'redis-7.0', 'v')).byFile['v/redis-replica-1.conf']).toContain('conf-unsupported-version');
  });

  it('takes the project\'s "server" when --server is absent, and refuses an unknown one', async () => {
    write('.redis-review.json', '{ "server": "valkey-8" }');
    expect((await cli('conf', '--workload', 'cache', '--memory', '1gb', '--mode', 'replica', '--out', 'p')).code).toBe(0);
    expect(readFileSync(join(root, 'p', 'redis.conf'), 'utf8')).toMatch(/^primaryauth /m);
    const bad = await cli('conf', '--server', 'valkey-7', '--workload', 'cache', '--memory', '1gb', '--out', 'q');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--server must be one of redis-7.0, redis-7.4, valkey-8, got "valkey-7"');
  });
});
