/**
 * An analysis cut short keeps what it read: the server killed mid-run, or Ctrl-C, gives a partial report marked
 * `complete: false` with the reason in every format, a distinct exit code, and a state file that `--resume`
 * continues to exactly the full key count. Runs are made slow on purpose (one key per call over 200k keys) and
 * interrupted once the server has seen some inspection calls, so no timing depends on machine speed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { startStandalone, type Standalone } from '../../helpers/redisServers';

const KEYS = 200_000;
const root = join(__dirname, '..', '..', '..');
let dir: string;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

async function populated(): Promise<Standalone> {
  const server = await startStandalone();
  const client = new Redis({ port: server.port, host: '127.0.0.1' });
  await client.call('DEBUG', 'POPULATE', KEYS, 'key', 10);
  client.disconnect();
  return server;
}

/** Resolves once the server has answered at least `calls` calls of `command` (from INFO commandstats). */
async function afterCalls(port: number, command: 'evalsha' | 'type', calls: number): Promise<void> {
  const watcher = new Redis({ port, host: '127.0.0.1' });
  try {
    for (;;) {
      const stats = await watcher.info('commandstats');
      const seen = Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(stats)?.[1] ?? 0);
      if (seen >= calls) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    watcher.disconnect();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rr-partial-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('server killed mid-analysis', () => {
  for (const strategy of ['script', 'pipeline']) {
    it(`keeps the partial report, says why, exits 4 (strategy ${strategy})`, async () => {
      const server = await populated();
      try {
        const run = cli('analyze', '--url', server.url, '--strategy', strategy, '--keys-per-call', '1', '--scan-count', '10', '--format', 'json', '--state', 'killed.json');
        await afterCalls(server.port, strategy === 'script' ? 'evalsha' : 'type', 50);
        await server.server.kill();
        const { code, stdout, stderr } = await run;
        expect(stderr).not.toMatch(/internal error|\n\s+at /);
        expect(stderr).toMatch(/Partial report \(complete: false\): the analysis of 127\.0\.0\.1:\d+ stopped after [\d,]+ keys: the server stopped answering/);
        expect(code).toBe(4);
        const report = JSON.parse(stdout);
        expect(report.complete).toBe(false);
        expect(report.incompleteReason).toMatch(/stopped answering/);
        expect(report.totalKeys).toBeGreaterThan(0);
        expect(report.totalKeys).toBeLessThan(KEYS);
        expect(existsSync(join(dir, 'killed.json'))).toBe(true);
        expect(statSync(join(dir, 'killed.json')).mode & 0o777).toBe(0o600);
      } finally {
        await server.stop();
      }
    });
  }
});

describe('a command refused mid-analysis', () => {
  it('keeps the partial report, names the refusal, exits 5', async () => {
    const server = await startStandalone({ aclUsers: ['user analyst on >analyst-pw ~* &* +@all'] });
    try {
      const admin = new Redis({ port: server.port, host: '127.0.0.1' });
      await admin.call('DEBUG', 'POPULATE', KEYS, 'key', 10);
      const run = cli('analyze', '--url', `redis://analyst:analyst-pw@127.0.0.1:${server.port}`, '--keys-per-call', '1', '--format', 'json', '--state', 'refused.json');
      await afterCalls(server.port, 'evalsha', 50);
      await admin.call('ACL', 'SETUSER', 'analyst', '-evalsha');
      admin.disconnect();
      const { code, stdout, stderr } = await run;
      expect(stderr).toMatch(/Partial report \(complete: false\): the analysis of 127\.0\.0\.1:\d+ stopped after [\d,]+ keys: the server refused a command \(NOPERM/);
      expect(code).toBe(5);
      expect(JSON.parse(stdout)).toMatchObject({ complete: false });
    } finally {
      await server.stop();
    }
  });
});

describe('Ctrl-C and --resume', () => {
  it('SIGINT writes a partial report and exits 130; --resume finishes with every key counted once', async () => {
    const server = await populated();
    try {
      // One process, tsx as a loader: the tsx launcher would relay the signal to a child of its own, and a relay that
      // raced the child's start left no report behind now and then.
      const child = spawn(process.execPath, ['--import', pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, join(root, 'src', 'cli', 'bin.ts'), 'analyze', '--url', server.url, '--keys-per-call', '1', '--format', 'json', '--state', 'ctrl-c.json'], { cwd: dir });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await afterCalls(server.port, 'evalsha', 50);
      child.kill('SIGINT');
      const code = await exited;
      expect(stderr).toMatch(/Partial report \(complete: false\): interrupted by Ctrl-C \(SIGINT\)\. Progress saved; continue with: redis-review analyze --url <same URL> --resume ctrl-c\.json/);
      expect(code).toBe(130);
      const partial = JSON.parse(stdout);
      expect(partial).toMatchObject({ complete: false, incompleteReason: 'interrupted by Ctrl-C (SIGINT)' });
      expect(partial.totalKeys).toBeGreaterThan(0);
      expect(partial.totalKeys).toBeLessThan(KEYS);

      const text = await cli('analyze', '--url', server.url, '--resume', 'ctrl-c.json', '--state', 'unused.json', '--format', 'json');
      expect(text.code).toBe(0);
      const resumed = JSON.parse(text.stdout);
      expect(resumed.complete).toBe(true);
      expect(resumed.totalKeys).toBe(KEYS);
      expect(resumed.byType.string.keys).toBe(KEYS);
      expect(existsSync(join(dir, 'ctrl-c.json'))).toBe(false);
    } finally {
      await server.stop();
    }
  }, 300_000); // 200k keys populated, analysed in part and resumed to the end: over 2 minutes on a loaded machine

  it('refuses a missing state file with a usage error', async () => {
    const server = await startStandalone();
    try {
      const missing = await cli('analyze', '--url', server.url, '--resume', 'nope.json');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/cannot read the state file \(no such file\)/);
    } finally {
      await server.stop();
    }
  });
});
