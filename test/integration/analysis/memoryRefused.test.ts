/**
 * MEMORY USAGE refused — an ACL user without it, or `rename-command MEMORY ""` as managed caches do: the analysis
 * detects it, keeps going with either strategy, and labels the sizes as estimates in every format.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { KNOWN_DATASET_KEYS, seedKnownDataset } from './knownDataset';

let aclServer: Standalone;
let renamedServer: Standalone;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

async function seed(server: Standalone, password?: string): Promise<void> {
  const client = new Redis({ port: server.port, host: '127.0.0.1', password });
  await seedKnownDataset(client);
  client.disconnect();
}

beforeAll(async () => {
  // Everything an analysis needs except MEMORY (scripts allowed, so the script strategy meets the refusal inside EVALSHA).
  aclServer = await startStandalone({ aclUsers: ['user analyst on >analyst-pw ~* &* +@all -memory'] });
  renamedServer = await startStandalone({ args: ['--rename-command', 'MEMORY', '""'] });
  await seed(aclServer);
  await seed(renamedServer);
}, 60_000);

afterAll(async () => {
  await aclServer?.stop();
  await renamedServer?.stop();
});

const targets = () => [
  { name: 'an ACL user without +memory', url: `redis://analyst:analyst-pw@127.0.0.1:${aclServer.port}`, reason: /ACL user "analyst" may not run MEMORY USAGE/ },
  { name: 'MEMORY renamed away', url: renamedServer.url, reason: /renamed or disabled/ },
];

describe('analysis where MEMORY USAGE is refused', () => {
  for (const strategy of ['auto', 'script', 'pipeline']) {
    it(`estimates sizes and says so (strategy ${strategy})`, async () => {
      for (const target of targets()) {
        const { code, stdout, stderr } = await cli('analyze', '--url', target.url, '--strategy', strategy, '--format', 'json');
        expect({ target: target.name, code, stderr: stderr.replace(/Warning: [^\n]*\n/, '') }).toEqual({ target: target.name, code: 0, stderr: '' });
        const report = JSON.parse(stdout);
        expect(report.totalKeys).toBe(KNOWN_DATASET_KEYS);
        expect(report.sizesEstimated).toBe(true);
        expect(report.sizeEstimateReason).toMatch(target.reason);
        // Not 0 B: every key has a plausible, positive size.
        expect(report.totalMemoryBytes).toBeGreaterThan(KNOWN_DATASET_KEYS * 50);
        for (const type of Object.values(report.byType) as Array<{ p50: number }>) expect(type.p50).toBeGreaterThan(0);
      }
    });
  }

  it('labels the estimate in the text and Markdown reports', async () => {
    const text = await cli('analyze', '--url', renamedServer.url);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/SIZES ARE ESTIMATES/);
    expect(text.stdout).toMatch(/keys, [\d.]+ \w+ \(estimated\)/);
    const markdown = await cli('analyze', '--url', renamedServer.url, '--format', 'markdown');
    expect(markdown.stdout).toMatch(/> \*\*SIZES ARE ESTIMATES/);
    expect(markdown.stdout).toMatch(/\(estimated\)\*\*/);
  });

  it('measures sizes, unlabelled, where MEMORY USAGE is allowed; the estimate lands within 30 % of them', async () => {
    const measured = JSON.parse((await cli('analyze', '--url', aclServer.url, '--format', 'json')).stdout);
    expect(measured.sizesEstimated).toBe(false);
    expect(measured.sizeEstimateReason).toBeUndefined();
    const estimated = JSON.parse((await cli('analyze', '--url', renamedServer.url, '--format', 'json')).stdout);
    expect(Math.abs(estimated.totalMemoryBytes / measured.totalMemoryBytes - 1)).toBeLessThan(0.3);
  });
});

describe('analysis where another inspection command is refused', () => {
  it('stops with the refusal named instead of reporting an empty keyspace (pipeline strategy)', async () => {
    const server = await startStandalone({ aclUsers: ['user viewer on >viewer-pw ~* &* +@all -object'] });
    try {
      await seed(server);
      // A partial run saves its progress: keep that file out of the checkout.
      const stateDir = mkdtempSync(join(tmpdir(), 'rr-refused-'));
      const { code, stdout, stderr } = await cli('analyze', '--url', `redis://viewer:viewer-pw@127.0.0.1:${server.port}`, '--strategy', 'pipeline', '--format', 'json', '--state', join(stateDir, 'state.json'));
      rmSync(stateDir, { recursive: true, force: true });
      expect(stderr).toMatch(/the server refused a command \(NOPERM.*'object\|encoding'/);
      expect(code).toBe(5);
      expect(JSON.parse(stdout)).toMatchObject({ complete: false, totalKeys: 0 });
    } finally {
      await server.stop();
    }
  });
});
