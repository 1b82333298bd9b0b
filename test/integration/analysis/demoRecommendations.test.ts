/**
 * What the demo shows (issue #16, item 3), against a real redis-server seeded by scripts/seed-demo.ts and the
 * examples/ workspace: the recommendation about keys without TTL names session:* with its counts and the line
 * of examples/python-api/sessions.py that writes it, in the text, Markdown and JSON reports; the binary key is
 * shown escaped (item 4).
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { seedDemo } from '../../../scripts/seed-demo';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
let server: Standalone;

async function analyze(format: string): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['analyze', '--url', server.url, '--full', '--format', format, '--workspace', 'examples'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root });
  expect(code, stderr).toBe(0);
  return stdout;
}

beforeAll(async () => {
  server = await startStandalone();
  const client = new Redis({ port: server.port, host: '127.0.0.1' });
  await seedDemo(client);
  client.disconnect();
});

afterAll(async () => {
  await server?.stop();
});

describe('the demo analysis', () => {
  it('names session:*, its counts and its write site in the text report', async () => {
    const text = await analyze('text');
    expect(text).toMatch(/\[warning\] Cache and session keys without TTL \(cache-namespace-without-ttl\)\n {4}evidence: .*session:\*: 80 of 400 keys \(20\.0 %\) have no TTL/);
    expect(text).toMatch(/ {4}code: .*session:\* written at python-api\/sessions\.py:21 \(HSET\)/);
  });

  it('does the same in Markdown and JSON', async () => {
    const markdown = await analyze('markdown');
    expect(markdown).toMatch(/\*\*Evidence:\*\* .*session:\\\*: 80 of 400 keys \(20\.0 %\) have no TTL/);
    expect(markdown).toMatch(/\*\*Code:\*\* .*`session:\*` written at `python-api\/sessions\.py:21` \(HSET\)/);
    expect(markdown).toContain('`bin:\\xff\\xfe\\x00\\x01`');
    expect(markdown).not.toMatch(/[\u0000\ufffd]/);
    const json = JSON.parse(await analyze('json')) as { recommendations: Array<{ id: string; evidence: string; namespaces?: string[]; writtenAt?: Array<{ file: string; line: number; command: string; writes: string }> }> };
    const hit = json.recommendations.find((r) => r.id === 'cache-namespace-without-ttl');
    expect(hit?.namespaces).toContain('session:*');
    expect(hit?.writtenAt).toContainEqual(expect.objectContaining({ file: 'python-api/sessions.py', line: 21, command: 'HSET', writes: 'session:*' }));
  });
});
