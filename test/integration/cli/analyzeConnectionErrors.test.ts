/** `redis-review analyze` connection failures: one clear sentence for the command line, no stack, no editor advice. */
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { freePort, startStandalone, type Standalone } from '../../helpers/redisServers';

let server: Standalone;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

/** What a CLI error must never contain: a stack, the "internal error" label, or advice about editor settings. */
function expectCliFriendly(stderr: string): void {
  expect(stderr).not.toMatch(/internal error/i);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toMatch(/Edit the connection|the connection settings|TLS settings|from the connection/i);
  expect(stderr.trim().split('\n')).toHaveLength(1);
}

beforeAll(async () => {
  server = await startStandalone({ password: 'right-password' });
});

afterAll(async () => {
  await server?.stop();
});

describe('analyze: connection errors', () => {
  it('says nothing listens at a closed port (exit 3)', async () => {
    const port = await freePort();
    const { code, stderr } = await cli('analyze', '--url', `redis://127.0.0.1:${port}`);
    expect(code).toBe(3);
    expect(stderr).toMatch(new RegExp(`Nothing accepts connections at 127\\.0\\.0\\.1:${port}`));
    expectCliFriendly(stderr);
  });

  it('points at the URL for a wrong password, and never echoes it', async () => {
    const { code, stderr } = await cli('analyze', '--url', `redis://:wrong-password@127.0.0.1:${server.port}`);
    expect(code).toBe(3);
    expect(stderr).toMatch(/Authentication failed/);
    expect(stderr).toMatch(/in the URL/);
    expect(stderr).not.toContain('wrong-password');
    expectCliFriendly(stderr);
  });

  it('points at the URL when a password is missing', async () => {
    const { code, stderr } = await cli('analyze', '--url', `redis://127.0.0.1:${server.port}`);
    expect(code).toBe(3);
    expect(stderr).toMatch(/requires a password/);
    expectCliFriendly(stderr);
  });

  it('explains a TLS mismatch in terms of the URL scheme', async () => {
    const { code, stderr } = await cli('analyze', '--url', `rediss://:right-password@127.0.0.1:${server.port}`);
    expect(code).toBe(3);
    expectCliFriendly(stderr);
  });
});
