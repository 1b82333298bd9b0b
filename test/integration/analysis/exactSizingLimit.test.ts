/**
 * --exact bounds each server call: MEMORY USAGE ... SAMPLES 0 walks every element (a 2M-field hash held the
 * server for ~0.5 s), so only keys up to the element limit are sized exactly; bigger ones are sampled. Checked by
 * value, not by time: the reported sizes equal what each sizing mode answers for that key, in both strategies.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMemory } from '../../../src/redis/analysis/analyzeMemory';
import { DEFAULT_EXACT_MAX_ELEMENTS } from '../../../src/redis/analysis/keyInspector';
import { startStandalone, type Standalone } from '../../helpers/redisServers';

let server: Standalone;
let client: Redis;
const BIG = DEFAULT_EXACT_MAX_ELEMENTS * 5;
const SMALL = DEFAULT_EXACT_MAX_ELEMENTS / 2;

/** A hashtable-encoded hash whose values grow with the field number, so 5 samples and all elements disagree. */
async function hashOf(key: string, fields: number): Promise<void> {
  const pipeline = client.pipeline();
  for (let i = 0; i < fields; i++) pipeline.hset(key, `field:${i}`, 'v'.repeat(1 + (i % 200)));
  await pipeline.exec();
}

beforeAll(async () => {
  server = await startStandalone();
  client = new Redis({ port: server.port, host: '127.0.0.1' });
  await hashOf('hash:big', BIG);
  await hashOf('hash:small', SMALL);
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

async function evalshaCalls(): Promise<number> {
  return Number(/cmdstat_evalsha:calls=(\d+)/.exec(await client.info('commandstats'))?.[1] ?? 0);
}

describe('exact sizing limit', () => {
  for (const strategy of ['script', 'pipeline'] as const) {
    it(`sizes keys up to ${DEFAULT_EXACT_MAX_ELEMENTS} elements exactly and bigger ones by sampling (${strategy})`, async () => {
      const exactBig = Number(await client.memory('USAGE', 'hash:big', 'SAMPLES', 0));
      const sampledBig = Number(await client.memory('USAGE', 'hash:big'));
      const exactSmall = Number(await client.memory('USAGE', 'hash:small', 'SAMPLES', 0));
      expect(exactBig).not.toBe(sampledBig);
      const { report } = await analyzeMemory(client, { mode: 'full', exact: true, strategy });
      const sizes = Object.fromEntries(report.topKeysByMemory.map((k) => [k.key, k.memoryBytes]));
      expect(sizes).toEqual({ 'hash:big': sampledBig, 'hash:small': exactSmall });
    });
  }

  it('splits a batch whose exact sizing would walk more elements than one call may (size-aware batches)', async () => {
    const seeded = new Redis({ port: server.port, host: '127.0.0.1', db: 1 });
    try {
      // 20 hashtable-encoded hashes of 900 fields: 18,000 elements to walk, all within one SCAN step of 30 keys.
      for (let h = 0; h < 20; h++) {
        const pipeline = seeded.pipeline();
        for (let i = 0; i < 900; i++) pipeline.hset(`h:${h}`, `field:${i}`, 'v'.repeat(1 + (i % 50)));
        await pipeline.exec();
      }
      const truth = new Map<string, number>();
      for (let h = 0; h < 20; h++) truth.set(`h:${h}`, Number(await seeded.memory('USAGE', `h:${h}`, 'SAMPLES', 0)));
      await client.config('RESETSTAT');
      const { report } = await analyzeMemory(seeded, { mode: 'full', exact: true, strategy: 'script', limits: { exactElementsPerCall: 2000 } });
      // 18,000 elements at most 2,000 per call (one hash of 900 fits twice): at least 10 calls, where 2 chains took 2-3.
      expect(await evalshaCalls()).toBeGreaterThanOrEqual(10);
      expect(report.totalKeys).toBe(20);
      expect(new Map(report.topKeysByMemory.map((k) => [k.key, k.memoryBytes]))).toEqual(truth);
      const piped = await analyzeMemory(seeded, { mode: 'full', exact: true, strategy: 'pipeline', limits: { exactElementsPerCall: 2000 } });
      expect(new Map(piped.report.topKeysByMemory.map((k) => [k.key, k.memoryBytes]))).toEqual(truth);
    } finally {
      seeded.disconnect();
    }
  });
});
