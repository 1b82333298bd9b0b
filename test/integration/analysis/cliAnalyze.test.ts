/** `redis-review analyze` end to end against a real server: JSON contract, formats, --out, usage errors, code linkage. */
import Redis from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { KNOWN_DATASET_KEYS, seedKnownDataset } from './knownDataset';

const root = join(__dirname, '..', '..', '..');
let server: Standalone;
let client: Redis;
let out: string;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  server = await startStandalone();
  client = new Redis({ port: server.port, host: '127.0.0.1' });
  await seedKnownDataset(client);
  out = mkdtempSync(join(tmpdir(), 'rr-cli-'));
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
  rmSync(out, { recursive: true, force: true });
});

describe('redis-review analyze', () => {
  it('prints the documented JSON with code linkage from a workspace', async () => {
    const { code, stdout } = await cli('analyze', '--url', server.url, '--full', '--format', 'json', '--workspace', 'test/fixtures/linkage');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).slice(0, 9)).toEqual(['totalKeys', 'totalMemoryBytes', 'byType', 'namespaces', 'topKeysByMemory', 'ttlBuckets', 'encodings', 'recommendations', 'durationMs']);
    expect(report.totalKeys).toBe(KNOWN_DATASET_KEYS);
    expect(Object.keys(report.byType.hash).sort()).toEqual(['keys', 'max', 'memoryBytes', 'p50', 'p90', 'p99']);
    expect(Object.keys(report.recommendations[0]).sort()).toEqual(['action', 'evidence', 'id', 'severity', 'title']);
    const links = Object.fromEntries(report.codeLinks.map((l: { pattern: string }) => [l.pattern, l]));
    expect(links['session:*']).toMatchObject({ keys: 30, ttlShare: 1, sites: [{ file: 'app/sessions.py', line: 8, command: 'HSET', setsTtl: false }] });
    expect(links['cache:page:*'].sites[0]).toMatchObject({ file: 'app/sessions.py', line: 12, command: 'SET', setsTtl: true });
    expect(links['user:*:profile']).toMatchObject({ keys: 50, sites: [{ file: 'web/profiles.ts', line: 6, command: 'HSET' }] });
    expect(links['user:*:feed']).toMatchObject({ keys: 20, sites: [{ file: 'web/profiles.ts', line: 10, command: 'RPUSH' }] });
  });

  it('writes Markdown to --out and names the write sites in text', async () => {
    const file = join(out, 'report.md');
    expect((await cli('analyze', '--url', server.url, '--format', 'markdown', '--out', file, '--workspace', 'test/fixtures/linkage')).code).toBe(0);
    const markdown = readFileSync(file, 'utf8');
    expect(markdown).toContain('# Redis memory analysis');
    // Markdown-escaped: the `*` of a pattern is literal, not emphasis.
    expect(markdown).toMatch(/session:\\\* — 30 keys, .*100 % with TTL — written at app\/sessions\.py:8 \(HSET\) without expiry/);
    const text = await cli('analyze', '--url', server.url, '--delimiter', ':', '--delimiter', '/');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Full scan of ${KNOWN_DATASET_KEYS} keys`);
    expect(text.stdout).toMatch(/Recommendations \(\d+\):/);
  });

  it('samples when asked and states the error', async () => {
    const { code, stdout } = await cli('analyze', '--url', server.url, '--sample', '50', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.sampling).toMatchObject({ mode: 'sample', keyspaceSize: KNOWN_DATASET_KEYS, confidence: 0.999 });
    expect(report.sampling.totalMemoryMarginBytes).toBeGreaterThan(0);
  });

  it('rejects bad input with exit code 2', async () => {
    expect((await cli('analyze', '--url', server.url, '--full', '--sample', '10')).code).toBe(2);
    expect((await cli('analyze', '--url', server.url, '--sample', 'ten')).code).toBe(2);
    expect((await cli('analyze', '--url', server.url, '--format', 'xml')).code).toBe(2);
    expect((await cli('analyze')).stderr).toContain('--url is required');
  });
});
