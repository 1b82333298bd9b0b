/**
 * The command line's password sources against a real password-protected redis-server: REDISCLI_AUTH and a
 * prompt, so the password never has to be on the command line; a URL password works with a warning; and no
 * URL mistake echoes the credentials.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { resolveCliPassword } from '../../../src/cli/credentials/cliPassword';
import { newProfile } from '../../../src/core/connection/profile';
import { parseConnectionUrl } from '../../../src/core/connection/url';
import { openConnection } from '../../../src/redis/connection/openConnection';
import { startStandalone, type Standalone } from '../../helpers/redisServers';

const SECRET = 'TOP/SECRET@pw';
let server: Standalone;

beforeAll(async () => {
  server = await startStandalone({ password: SECRET });
});
afterAll(async () => {
  await server?.stop();
});

function sink() {
  let text = '';
  const stream = new PassThrough();
  stream.on('data', (chunk) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function pingWith(password: string | undefined): Promise<unknown> {
  const profile = newProfile({ id: 't', port: server.port, connectTimeoutMs: 3000 });
  const opened = await openConnection(profile, { password });
  try {
    return await opened.client.ping();
  } finally {
    opened.client.disconnect();
  }
}

describe('CLI password sources', () => {
  it('takes the password from REDISCLI_AUTH and connects', async () => {
    const output = sink();
    const resolved = await resolveCliPassword({ env: { REDISCLI_AUTH: SECRET }, ask: false, input: new PassThrough(), output: output.stream });
    expect(resolved.source).toBe('env');
    expect(await pingWith(resolved.password)).toBe('PONG');
    expect(output.text()).toBe('');
  });

  it('asks for it when told to, without echoing what is typed', async () => {
    const input = new PassThrough();
    const output = sink();
    const pending = resolveCliPassword({ env: {}, ask: true, input, output: output.stream });
    input.write(`${SECRET}\n`);
    const resolved = await pending;
    expect(resolved.source).toBe('prompt');
    expect(await pingWith(resolved.password)).toBe('PONG');
    expect(output.text()).toBe('Redis password: \n');
  });

  it('accepts a password in the URL (even with "/" and "@" in it) but warns that argv is visible', async () => {
    const url = `redis://default:${SECRET}@127.0.0.1:${server.port}`;
    const parsed = parseConnectionUrl(url);
    expect(parsed.fields.port).toBe(server.port);
    const output = sink();
    const resolved = await resolveCliPassword({ fromUrl: parsed.password, env: {}, ask: false, input: new PassThrough(), output: output.stream });
    expect(await pingWith(resolved.password)).toBe('PONG');
    expect(output.text()).toContain('REDISCLI_AUTH');
    expect(output.text()).not.toContain('SECRET');
  });
});

describe('redis-review analyze', () => {
  it('connects with the password from REDISCLI_AUTH, never from argv', async () => {
    const before = process.env.REDISCLI_AUTH;
    const run = async () => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['analyze', '--url', `redis://127.0.0.1:${server.port}`, '--format', 'json'], { cwd: process.cwd(), stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      return { code, stdout, stderr };
    };
    try {
      delete process.env.REDISCLI_AUTH;
      const refused = await run();
      expect(refused.code).not.toBe(0);
      process.env.REDISCLI_AUTH = SECRET;
      const analysed = await run();
      expect(analysed.code).toBe(0);
      expect(JSON.parse(analysed.stdout)).toBeTruthy();
      expect(analysed.stderr).not.toContain(SECRET);
    } finally {
      if (before === undefined) delete process.env.REDISCLI_AUTH;
      else process.env.REDISCLI_AUTH = before;
    }
  });
});

describe('URL errors never echo credentials', () => {
  it.each([
    'redis://user:TOPSECRET/pw@host:notaport',
    'redis://user:TOPSECRET@bad host',
    'redis://user:TOP%ZZSECRET@host',
    'redis://TOPSECRET@host:0',
    'redis://user:TOPSECRET@host/notadb',
  ])('%s', async (url) => {
    expect(() => parseConnectionUrl(url)).toThrow();
    let message = '';
    try {
      parseConnectionUrl(url);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('TOPSECRET');
    expect(message).not.toContain('SECRET');
    let stderr = '';
    const code = await runCli(['analyze', '--url', url], { cwd: process.cwd(), stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).not.toContain('SECRET');
  });
});
