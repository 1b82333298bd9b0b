/**
 * Against each server of the matrix: binary and hostile key names come out of `analyze` escaped per format and
 * lossless in JSON; and on Redis 7.0, which has no CLIENT NO-TOUCH, the user is warned (before any key is read) that
 * LRU idle times get reset, with the RDB route named — where the server has NO-TOUCH, nothing is reset or warned.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { keyFromBase64 } from '../../../src/core/keys/keyBytes';
import { analyzeMemory } from '../../../src/redis/analysis/analyzeMemory';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { currentServer, redisApiAtLeast } from '../../helpers/serverMatrix';

let server: Standalone;
let client: Redis;
const BINARY = Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0x00, 0xc3, 0x28]);
const ESCAPING = Buffer.from('term:\u001b]0;owned\u0007\u001b[2J');
const HTML = Buffer.from('html:<script>alert(1)</script>`');

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  server = await startStandalone();
  client = new Redis({ port: server.port, host: '127.0.0.1' });
  // Big enough to rank first among the top keys.
  for (const key of [BINARY, ESCAPING, HTML]) await client.set(key, 'v'.repeat(5000));
  for (let i = 0; i < 20; i++) await client.set(`plain:${i}`, 'x');
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

describe('key names from a real server', () => {
  it('JSON names every key exactly (base64 when not UTF-8), with no U+FFFD', async () => {
    const { code, stdout } = await cli('analyze', '--url', server.url, '--format', 'json');
    expect(code).toBe(0);
    expect(stdout).not.toContain('\ufffd');
    const top = JSON.parse(stdout).topKeysByMemory.slice(0, 3) as Array<{ key: string; keyBase64?: string }>;
    const bytes = top.map((k) => (k.keyBase64 ? Buffer.from(keyFromBase64(k.keyBase64)) : Buffer.from(k.key)).toString('hex')).sort();
    expect(bytes).toEqual([BINARY, ESCAPING, HTML].map((b) => b.toString('hex')).sort());
    // Every name shown escaped carries its exact bytes; the binary one reads as the Keys tab shows it.
    expect(top.filter((k) => k.keyBase64).map((k) => k.key).sort()).toEqual(['bin:\\xff\\x00\\xc3(', 'term:\\x1b]0;owned\\x07\\x1b[2J']);
  });

  it('text output carries no terminal control character', async () => {
    const { stdout } = await cli('analyze', '--url', server.url);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(stdout).toContain('term:\\x1b]0;owned\\x07\\x1b[2J');
  });

  it('Markdown keeps names inside intact code spans', async () => {
    const { stdout } = await cli('analyze', '--url', server.url, '--format', 'markdown');
    expect(stdout).toContain('`` html:<script>alert(1)</script>` ``');
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

/** CLIENT NO-TOUCH arrived in Redis 7.2 (Valkey 8 has it): the analysis leaves idle times alone there. */
const hasNoTouch = redisApiAtLeast('7.2');

describe(`${currentServer().label}: ${hasNoTouch ? 'with' : 'without'} CLIENT NO-TOUCH`, () => {
  it(hasNoTouch ? 'reads every key without touching it, and warns about nothing' : 'warns before the first key is read, and keeps the warning in the report', async () => {
    const events: string[] = [];
    // A key idle for a second: an analysis that touched it would bring OBJECT IDLETIME back to 0.
    await until(async () => Number(await client.object('IDLETIME', 'plain:1')) >= 1);
    const outcome = await analyzeMemory(client, {
      mode: 'full',
      onWarning: (warning) => events.push(`warning: ${warning}`),
      onProgress: ({ inspectedKeys }) => events.push(`progress ${inspectedKeys}`),
    });
    const idleAfter = Number(await client.object('IDLETIME', 'plain:1'));
    if (hasNoTouch) {
      expect(outcome.noTouch).toBe(true);
      expect(events.every((e) => e.startsWith('progress'))).toBe(true);
      expect(outcome.report.warnings).toBeUndefined();
      expect(idleAfter).toBeGreaterThanOrEqual(1);
    } else {
      expect(outcome.noTouch).toBe(false);
      expect(events[0]).toMatch(/^warning: Redis 7\.0\.\d+ has no CLIENT NO-TOUCH .*LRU idle time.*RDB snapshot/);
      expect(events.slice(1).every((e) => e.startsWith('progress'))).toBe(true);
      expect(outcome.report.warnings).toEqual([events[0].slice('warning: '.length)]);
      // The effect the warning is about, so the test notices if it ever stops being true.
      expect(idleAfter).toBe(0);
    }
  });

  it(hasNoTouch ? 'the CLI prints no idle-time warning in any format' : 'the CLI prints the warning on stderr before the report, and every format carries it', async () => {
    const text = await cli('analyze', '--url', server.url);
    const json = JSON.parse((await cli('analyze', '--url', server.url, '--format', 'json')).stdout);
    const markdown = (await cli('analyze', '--url', server.url, '--format', 'markdown')).stdout;
    if (hasNoTouch) {
      expect(text.stderr).not.toMatch(/NO-TOUCH|idle time/);
      expect(text.stdout).not.toMatch(/^Warning:/m);
      expect(json.warnings ?? []).toEqual([]);
      expect(markdown).not.toMatch(/\*\*Warning:/);
    } else {
      expect(text.stderr).toMatch(/^Warning: Redis 7\.0\.\d+ has no CLIENT NO-TOUCH/);
      expect(text.stdout).toMatch(/^Warning: Redis 7\.0/m);
      expect(json.warnings[0]).toMatch(/redis-cli --rdb/);
      expect(markdown).toMatch(/> \*\*Warning: Redis 7\.0/);
    }
  });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Timed out after 30 s waiting for a key to be idle');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
