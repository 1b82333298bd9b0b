/**
 * Memory analysis against a real standalone server seeded with a known dataset: exact aggregates for a full
 * scan (both inspection strategies), sampled estimates within the stated error, cancel + resume, exact mode.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenNamespaces } from '../../../src/core/memory/namespaceTree';
import { analyzeMemory } from '../../../src/redis/analysis/analyzeMemory';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { redisApiAtLeast } from '../../helpers/serverMatrix';
import { seedKnownDataset, KNOWN_DATASET_KEYS } from './knownDataset';
import { SamplingCalibration } from './samplingCalibration';

let server: Standalone;
let client: Redis;

/** MEMORY USAGE of every key, read independently of the analysis code. */
async function memoryOfAll(pattern = '*', samples?: number): Promise<Map<string, { type: string; bytes: number }>> {
  const keys = await client.keys(pattern);
  const pipeline = client.pipeline();
  for (const key of keys) {
    pipeline.type(key);
    if (samples === undefined) pipeline.memory('USAGE', key);
    else pipeline.memory('USAGE', key, 'SAMPLES', samples);
  }
  const replies = (await pipeline.exec())!;
  return new Map(keys.map((key, i) => [key, { type: String(replies[i * 2][1]), bytes: Number(replies[i * 2 + 1][1]) }]));
}

beforeAll(async () => {
  server = await startStandalone();
  client = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true });
  await client.connect();
  await seedKnownDataset(client);
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

describe('full scan of the known dataset', () => {
  it('reports exact counts, memory, TTL buckets, encodings and namespaces', async () => {
    const { report, complete, strategy } = await analyzeMemory(client, { mode: 'full' });
    expect(complete).toBe(true);
    expect(strategy).toBe('script');
    const truth = await memoryOfAll();
    expect(report.totalKeys).toBe(KNOWN_DATASET_KEYS);
    expect(report.totalMemoryBytes).toBe([...truth.values()].reduce((sum, k) => sum + k.bytes, 0));
    const keysByType: Record<string, number> = {};
    const bytesByType: Record<string, number> = {};
    for (const { type, bytes } of truth.values()) {
      keysByType[type] = (keysByType[type] ?? 0) + 1;
      bytesByType[type] = (bytesByType[type] ?? 0) + bytes;
    }
    expect(Object.fromEntries(Object.entries(report.byType).map(([t, s]) => [t, s.keys]))).toEqual({ hash: 80, list: 20, set: 20, stream: 1, string: 83, zset: 1 });
    expect(Object.fromEntries(Object.entries(report.byType).map(([t, s]) => [t, s.keys]))).toEqual(keysByType);
    expect(Object.fromEntries(Object.entries(report.byType).map(([t, s]) => [t, s.memoryBytes]))).toEqual(bytesByType);
    expect(report.byType.zset).toMatchObject({ lengthMax: 200 });
    expect(report.byType.list).toMatchObject({ lengthP50: 5, lengthMax: 5 });

    expect(report.ttlBuckets.map((b) => [b.bucket, b.keys])).toEqual([['none', 119], ['<1h', 30], ['<1d', 40], ['<1w', 15], ['longer', 1]]);
    // Redis 7.2 (and Valkey 8) keep small lists and small sets of strings as listpacks; 7.0 has quicklist/hashtable.
    const listpackSets = redisApiAtLeast('7.2');
    expect(report.encodings).toEqual({
      hash: { listpack: 80 }, list: listpackSets ? { listpack: 20 } : { quicklist: 20 },
      set: listpackSets ? { intset: 10, listpack: 10 } : { intset: 10, hashtable: 10 }, stream: { stream: 1 },
      string: { embstr: 43, raw: 25, int: 15 }, zset: { skiplist: 1 },
    });

    const namespaces = Object.fromEntries(flattenNamespaces(report.namespaces).map((n) => [n.pattern, n]));
    expect(report.namespaces.map((n) => n.pattern).sort()).toEqual(['cache:*', 'counter:*', 'lb:*', 'lock:*', 'plain', '*', 'session:*', 'stream:*', 'tags:*', 'user:*'].sort());
    expect(namespaces['user:*']).toMatchObject({ keys: 70, keysWithTtl: 0 });
    expect(namespaces['user:*:profile']).toMatchObject({ keys: 50, depth: 3 });
    expect(namespaces['user:*:feed']).toMatchObject({ keys: 20 });
    expect(namespaces['session:*']).toMatchObject({ keys: 30, ttlShare: 1 });
    expect(namespaces['cache:*']).toMatchObject({ keys: 65, keysWithTtl: 40 });
    expect(namespaces['cache:api:v2:*'].keys).toBe(25);
    const sessionBytes = [...truth.entries()].filter(([k]) => k.startsWith('session:')).reduce((sum, [, v]) => sum + v.bytes, 0);
    expect(namespaces['session:*'].memoryBytes).toBe(sessionBytes);
    expect(namespaces['session:*'].averageBytes).toBe(Math.round(sessionBytes / 30));

    expect(report.topKeysByLength[0]).toMatchObject({ key: 'lb:global', length: 200, encoding: 'skiplist' });
    const biggest = [...truth.entries()].sort((a, b) => b[1].bytes - a[1].bytes)[0];
    expect(report.topKeysByMemory[0]).toMatchObject({ key: biggest[0], memoryBytes: biggest[1].bytes });
    expect(report.sampling).toMatchObject({ mode: 'full', inspectedKeys: KNOWN_DATASET_KEYS, keyspaceSize: KNOWN_DATASET_KEYS });
  });

  it('gives the same aggregates with the pipeline strategy (for servers that refuse scripts)', async () => {
    const script = await analyzeMemory(client, { mode: 'full', strategy: 'script' });
    const pipeline = await analyzeMemory(client, { mode: 'full', strategy: 'pipeline', limits: { keysPerCall: 7, scanCount: 10 } });
    expect(pipeline.strategy).toBe('pipeline');
    // Remaining TTLs tick down between the two runs; everything else must match exactly.
    const strip = (r: typeof script.report) =>
      JSON.parse(JSON.stringify({ ...r, durationMs: 0, recommendations: r.recommendations.map((x) => x.id).sort() }, (name, value) => (name === 'ttlMs' ? undefined : value)));
    expect(strip(pipeline.report)).toEqual(strip(script.report));
  });

  it('covers every key exactly once with several scan chains and tiny batches', async () => {
    const { report } = await analyzeMemory(client, { mode: 'full', limits: { keysPerCall: 3, scanChains: 4 } });
    expect(report.totalKeys).toBe(KNOWN_DATASET_KEYS);
    expect(report.sampling.inspectedKeys).toBe(KNOWN_DATASET_KEYS);
  });

  it('reads exact sizes with MEMORY USAGE SAMPLES 0 when asked', async () => {
    const { report } = await analyzeMemory(client, { mode: 'full', exact: true });
    const exact = await memoryOfAll('lb:*', 0);
    expect(report.topKeysByLength[0]).toMatchObject({ key: 'lb:global', memoryBytes: exact.get('lb:global')!.bytes });
  });

  it('stops on abort with a resumable cursor, and resuming completes the same totals', async () => {
    const full = await analyzeMemory(client, { mode: 'full' });
    const controller = new AbortController();
    const first = await analyzeMemory(client, {
      mode: 'full', limits: { keysPerCall: 10, scanChains: 1 }, signal: controller.signal,
      onProgress: (p) => p.inspectedKeys > 0 && controller.abort(),
    });
    expect(first.complete).toBe(false);
    expect(first.report.totalKeys).toBeLessThan(KNOWN_DATASET_KEYS);
    const node = Object.keys(first.cursors)[0];
    expect(first.cursors[node]).not.toBe('0');
    const resumed = await analyzeMemory(client, { mode: 'full', limits: { keysPerCall: 10, scanChains: 1 }, resume: { collector: first.collector, cursors: first.cursors } });
    expect(resumed.complete).toBe(true);
    expect(resumed.report.totalKeys).toBe(full.report.totalKeys);
    expect(resumed.report.totalMemoryBytes).toBe(full.report.totalMemoryBytes);
  });
});

describe('sampling', () => {
  it('estimates totals from a random sample within the stated error', async () => {
    await client.call('DEBUG', 'POPULATE', 20000, 'sampled', 50);
    const hashes = client.pipeline();
    for (let i = 0; i < 5000; i++) hashes.hset(`sampled:h:${i}`, Object.fromEntries(Array.from({ length: 1 + (i % 20) }, (_, j) => [`f${j}`, 'v'.repeat(10)])));
    await hashes.exec();
    try {
      const full = (await analyzeMemory(client, { mode: 'full' })).report;
      // Five draws, judged together (see SamplingCalibration: one draw alone cannot test a 99.9 % margin).
      const calibration = new SamplingCalibration();
      const margins: number[] = [];
      for (let draw = 0; draw < 5; draw++) {
        const sampled = (await analyzeMemory(client, { mode: 'sample', sampleSize: 3000 })).report;
        expect(sampled.sampling.mode).toBe('sample');
        expect(sampled.sampling.inspectedKeys).toBeLessThanOrEqual(3000);
        expect(sampled.sampling.inspectedKeys).toBeGreaterThan(2900);
        expect(sampled.sampling.confidence).toBe(0.999);
        calibration.add('total memory', sampled.totalMemoryBytes, full.totalMemoryBytes, sampled.sampling.totalMemoryMarginBytes);
        margins.push(sampled.sampling.totalMemoryMarginBytes);
        for (const type of ['string', 'hash']) {
          calibration.add(`${type} keys`, sampled.byType[type].keys, full.byType[type].keys, sampled.sampling.byTypeMargin[type].keys);
          calibration.add(`${type} memory`, sampled.byType[type].memoryBytes, full.byType[type].memoryBytes, sampled.sampling.byTypeMargin[type].memoryBytes);
        }
        // A fair sample reaches the whole keyspace, not the first keys of a SCAN: both populations appear.
        const sampledNamespace = flattenNamespaces(sampled.namespaces).find((n) => n.pattern === 'sampled:h:*');
        expect(sampledNamespace!.keys).toBeGreaterThan(3000);
      }
      calibration.verify();
      // The margin is informative, not a blanket: under 10 % of the total. A draw that catches the known dataset's
      // 200-member sorted set (about one in nine) rightly reports a wider one, so the narrowest draw is checked.
      expect(Math.min(...margins)).toBeLessThan(full.totalMemoryBytes * 0.1);
    } finally {
      const keys = await client.keys('sampled:*');
      for (let i = 0; i < keys.length; i += 1000) await client.del(...keys.slice(i, i + 1000));
    }
  });
});
