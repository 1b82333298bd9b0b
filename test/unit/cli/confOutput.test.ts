/**
 * `conf` and `scaffold` on bad input and hostile output folders: messages that name the value and the range,
 * no stack traces, no hangs, all files or none, and never a secret written through a symlink.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';

let root: string;

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const conf = (...args: string[]) => cli('conf', '--workload', 'cache', ...args);
const noStack = (text: string) => expect(text).not.toMatch(/internal error:|\n\s+at /);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-out-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('conf --memory', () => {
  it.each([
    ['0', '"0" is too small'],
    ['abc', '"abc" is not a memory size'],
    ['10tb', '"10tb" has an unknown unit "tb"'],
    ['=-1gb', '"-1gb" is too small'],
    ['99999999999999999999gb', '"99999999999999999999gb" is too large'],
    ['1.5gb', '"1.5gb" is not a whole number'],
  ])('refuses %s, naming the value and the accepted range', async (value, message) => {
    const run = await conf(value.startsWith('=') ? `--memory${value}` : `--memory=${value}`, '--out', 'x');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('from 16mb to 16384gb');
    noStack(run.stderr);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('answers "--memory -1gb" (read as an option) with a usage error, not a stack trace', async () => {
    const run = await conf('--memory', '-1gb', '--out', 'x');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'--memory'");
    noStack(run.stderr);
  });

  it('says when --memory is missing, and bounds the node counts', async () => {
    expect((await conf('--out', 'x')).stderr).toContain('a memory size is required');
    const replicas = await conf('--memory', '1gb', '--mode', 'cluster', '--replicas', '100000000', '--out', 'x');
    expect(replicas.code).toBe(2);
    expect(replicas.stderr).toContain('--replicas "100000000" is not accepted: give a whole number from 0 to 10');
  });
});

describe('conf free-text options', () => {
  it('refuses folders and addresses that would run as commands in the generated scripts or split a directive', async () => {
    const dataDir = await conf('--memory', '1gb', '--backup', '--tls', '--data-dir', '/x$(touch pwned)', '--out', 'set');
    expect(dataDir.code).toBe(2);
    expect(dataDir.stderr).toContain('data-dir "/x$(touch pwned)" is not usable');
    const bind = await conf('--memory', '1gb', '--bind', '10.0.0.1\nenable-debug-command yes', '--out', 'set');
    expect(bind.code).toBe(2);
    expect(bind.stderr).toContain('is not an IP address or host name');
    const host = await conf('--memory', '1gb', '--mode', 'cluster', '--announce-host', 'a"b', '--out', 'set');
    expect(host.stderr).toContain('announce-host "a\\"b" is not a host name or IP address');
    expect(existsSync(join(root, 'set'))).toBe(false);
    expect((await conf('--memory', '1gb', '--bind', '10.0.0.1,-::1', '--announce-host', 'redis-1.internal', '--out', 'set')).code).toBe(0);
  });
});

describe('conf --out', () => {
  it('refuses a file as the output folder with a clear message', async () => {
    writeFileSync(join(root, 'afile'), 'keep');
    const run = await conf('--memory', '1gb', '--out', 'afile');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('afile is a file, not a folder');
    noStack(run.stderr);
    expect(readFileSync(join(root, 'afile'), 'utf8')).toBe('keep');
  });

  it('fails at once on a folder that cannot be created under /proc (no hang, no stack)', async () => {
    const run = await conf('--memory', '1gb', '--out', '/proc/redis-review-cannot-exist');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot create folder /proc/redis-review-cannot-exist');
    noStack(run.stderr);
  });

  it('with --force and one file it cannot replace, changes nothing', async () => {
    expect((await conf('--memory', '1gb', '--out', 'set')).code).toBe(0);
    const before = Object.fromEntries(readdirSync(join(root, 'set')).map((name) => [name, readFileSync(join(root, 'set', name), 'utf8')]));
    rmSync(join(root, 'set', 'users.acl'));
    mkdirSync(join(root, 'set', 'users.acl'));
    writeFileSync(join(root, 'set', 'users.acl', 'x'), '');
    const run = await conf('--memory', '2gb', '--out', 'set', '--force');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('users.acl is a folder');
    for (const name of ['redis.conf', 'secrets.env', 'README.md']) expect(readFileSync(join(root, 'set', name), 'utf8')).toBe(before[name]);
    expect(readdirSync(join(root, 'set')).sort()).toEqual(['README.md', 'redis.conf', 'secrets.env', 'users.acl']);
  });

  it('never writes secrets through a dangling symlink named secrets.env', async () => {
    mkdirSync(join(root, 'set'));
    const stolen = join(root, 'stolen');
    symlinkSync(stolen, join(root, 'set', 'secrets.env'));
    const refused = await conf('--memory', '1gb', '--out', 'set');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('secrets.env (a symbolic link)');
    expect(readdirSync(join(root, 'set'))).toEqual(['secrets.env']);
    const forced = await conf('--memory', '1gb', '--out', 'set', '--force');
    expect(forced.code).toBe(0);
    expect(existsSync(stolen)).toBe(false);
    const secrets = lstatSync(join(root, 'set', 'secrets.env'));
    expect(secrets.isSymbolicLink()).toBe(false);
    expect(secrets.mode & 0o777).toBe(0o600);
    expect(readdirSync(join(root, 'set')).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('creates secrets.env 0600 even under a permissive umask', async () => {
    const previous = process.umask(0);
    try {
      expect((await conf('--memory', '1gb', '--out', 'set')).code).toBe(0);
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(root, 'set', 'secrets.env')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'set', 'redis.conf')).mode & 0o777).toBe(0o644);
  });
});

describe('scaffold --out', () => {
  it('refuses a file as the output folder, and writes all files or none', async () => {
    writeFileSync(join(root, 'afile'), 'keep');
    const run = await cli('scaffold', 'rate-limiter', '--lang', 'python', '--out', 'afile', '--with-tests');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is a file, not a folder');
    noStack(run.stderr);
    mkdirSync(join(root, 'app'));
    mkdirSync(join(root, 'app', 'test_rate_limiter.py'));
    const clash = await cli('scaffold', 'rate-limiter', '--lang', 'python', '--out', 'app', '--with-tests', '--force');
    expect(clash.code).toBe(1);
    expect(readdirSync(join(root, 'app'))).toEqual(['test_rate_limiter.py']);
  });
});
