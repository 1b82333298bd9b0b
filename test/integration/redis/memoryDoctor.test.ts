/**
 * MEMORY DOCTOR read for a person (issue #16, item 5), against a real redis-server in each state the server
 * distinguishes: too little data to judge, nothing wrong, and issues (a memory peak left behind after a big delete);
 * and the slow log, whose arguments (binary key names) are shown like the Keys tab shows them.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { memoryDoctor } from '../../../src/redis/browse/serverStats';

let server: Standalone;
let client: Redis;

beforeAll(async () => {
  server = await startStandalone();
  client = new Redis(server.port, '127.0.0.1');
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

describe('memoryDoctor', () => {
  it('says in plain words that a small server holds too little data to check, and keeps the server text verbatim', async () => {
    const [reading] = await memoryDoctor(client, 'Demo');
    expect(reading).toMatchObject({ node: 'Demo', verdict: 'too-little-data', issues: [] });
    expect(reading.summary).toMatch(/^Nothing to check yet/);
    expect(reading.summary).not.toMatch(/Sam/);
    expect(reading.serverText).toMatch(/^Hi Sam, this instance is empty/);
  });

  it('lists the issues by name once the server has something to say', async () => {
    // ~30 MB, then keep 30 % (above the 5 MB the doctor needs): the peak stays far above what is used now.
    await client.call('DEBUG', 'POPULATE', '200000', 'doctor', '100');
    const keys = await client.dbsize();
    expect(keys).toBe(200_000);
    for (let start = 60_000; start < 200_000; start += 10_000) {
      await client.unlink(...Array.from({ length: 10_000 }, (_, i) => `doctor:${start + i}`));
    }
    const readings = await memoryDoctor(client, 'Demo');
    expect(readings).toHaveLength(1);
    const [reading] = readings;
    // The peak is judged from used_memory_peak against used_memory, so it is reported whatever the allocator does.
    expect(reading.verdict).toBe('issues');
    expect(reading.issues.map((issue) => issue.title)).toContain('Peak memory');
    expect(reading.summary).toMatch(/^\d+ issues? found: peak memory/);
    for (const issue of reading.issues) expect(issue.detail).toMatch(/^\S.{20,}\.$/);
    expect(reading.serverText).toMatch(/I want to help you\.$/);
  }, 180_000);
});

describe('slow log arguments', () => {
  it('show a binary key name escaped, as the Keys tab does, never as U+FFFD', async () => {
    const { readActivity } = await import('../../../src/redis/browse/serverStats');
    await client.config('SET', 'slowlog-log-slower-than', '0');
    await client.set(Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x00, 0x01]), 'v');
    await client.config('SET', 'slowlog-log-slower-than', '10000');
    const { slowlog } = await readActivity(client, 32, 'Demo');
    const entry = slowlog.find((e) => e.args[0] === 'set');
    expect(entry?.args).toEqual(['set', 'bin:\\xff\\xfe\\x00\\x01', 'v']);
    expect(entry?.id).toBeGreaterThanOrEqual(0);
    expect(entry?.timestamp).toBeGreaterThan(1_600_000_000);
    expect(slowlog.flatMap((e) => e.args).join(' ')).not.toContain('\ufffd');
  });
});
