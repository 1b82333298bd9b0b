/**
 * MEMORY DOCTOR read for a person (issue #16, item 5), against a real redis-server in each state the server
 * distinguishes: too little data to judge, nothing wrong, and issues (a memory peak left behind after a big delete).
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
    // ~60 MB, then keep a quarter: the allocator's peak stays far above what is used now.
    await client.call('DEBUG', 'POPULATE', '400000', 'doctor', '100');
    const keys = await client.dbsize();
    expect(keys).toBe(400_000);
    for (let start = 100_000; start < 400_000; start += 10_000) {
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
  });
});
