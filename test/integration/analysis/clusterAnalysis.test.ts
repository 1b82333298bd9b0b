/** Memory analysis of a real 3-master Cluster: every master in parallel, merged; replicas by choice; imbalance checks. */
import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenNamespaces } from '../../../src/core/memory/namespaceTree';
import { analyzeMemory } from '../../../src/redis/analysis/analyzeMemory';
import { startCluster, type ClusterSet } from '../../helpers/redisServers';
import { redisApiAtLeast } from '../../helpers/serverMatrix';
import { KNOWN_DATASET_KEYS, seedKnownDataset } from './knownDataset';
import { SamplingCalibration } from './samplingCalibration';

let cluster: ClusterSet;
let client: Cluster;

async function masters(): Promise<Array<{ address: string; dbsize: number; bytes: number }>> {
  return Promise.all(
    client.nodes('master').map(async (node) => {
      const keys = await node.keys('*');
      const memory = keys.length ? await Promise.all(keys.map((k) => node.memory('USAGE', k))) : [];
      return { address: `${node.options.host}:${node.options.port}`, dbsize: keys.length, bytes: memory.reduce<number>((a, b) => a + Number(b), 0) };
    }),
  );
}

/** Until every replica holds its master's keys: WAIT alone returns early on a busy machine (or before the first sync). */
async function waitForReplicas(): Promise<void> {
  const deadline = Date.now() + 90_000; // the test allows 150 s
  for (;;) {
    let replicaKeys = 0;
    let replicas = 0;
    for (const port of cluster.ports) {
      const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
      try {
        await node.connect();
        const [role] = (await node.role()) as [string];
        if (role === 'slave') {
          replicas += 1;
          replicaKeys += await node.dbsize();
        } else {
          await node.wait(1, 1000);
        }
      } finally {
        node.disconnect();
      }
    }
    if (replicas > 0 && replicaKeys === KNOWN_DATASET_KEYS) return;
    if (Date.now() > deadline) throw new Error(`replicas hold ${replicaKeys} of ${KNOWN_DATASET_KEYS} keys after 90 s (${replicas} replicas)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  cluster = await startCluster();
  client = new Cluster(cluster.seeds.slice(0, 3));
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  await seedKnownDataset(client);
});

afterAll(async () => {
  client?.disconnect();
  await cluster?.stop();
});

describe('Cluster analysis', () => {
  it('scans every master in parallel and merges exact totals, per-node figures and namespaces', async () => {
    const { report, complete, facts } = await analyzeMemory(client, { mode: 'full' });
    const truth = await masters();
    expect(complete).toBe(true);
    expect(facts.cluster).toBe(true);
    expect(report.totalKeys).toBe(KNOWN_DATASET_KEYS);
    expect(report.totalMemoryBytes).toBe(truth.reduce((sum, n) => sum + n.bytes, 0));
    expect(report.nodes.map((n) => [n.node, n.keys, n.memoryBytes]).sort()).toEqual(truth.map((n) => [n.address, n.dbsize, n.bytes]).sort());
    expect(report.nodes.every((n) => n.keys > 0)).toBe(true);
    // Small sets of strings are listpacks from Redis 7.2 on (Valkey 8 too), hashtables on 7.0.
    expect(report.encodings.set).toEqual(redisApiAtLeast('7.2') ? { intset: 10, listpack: 10 } : { intset: 10, hashtable: 10 });
    const namespaces = Object.fromEntries(flattenNamespaces(report.namespaces).map((n) => [n.pattern, n.keys]));
    expect(namespaces).toMatchObject({ 'user:*': 70, 'user:*:profile': 50, 'session:*': 30, 'cache:*': 65 });
    expect(report.topKeysByLength[0]).toMatchObject({ key: 'lb:global', length: 200 });
    expect(truth.map((n) => n.address)).toContain(report.topKeysByLength[0].node);
    const ids = report.recommendations.map((r) => r.id);
    expect(ids).not.toContain('cluster-key-imbalance');
    expect(ids).not.toContain('cluster-memory-imbalance');
    expect(ids).not.toContain('logical-databases');
  });

  it('reads the replicas instead when asked, with the same totals', async () => {
    await waitForReplicas();
    const { report, facts } = await analyzeMemory(client, { mode: 'full', useReplicas: true });
    const masterAddresses = (await masters()).map((n) => n.address);
    expect(report.totalKeys).toBe(KNOWN_DATASET_KEYS);
    expect(facts.nodes.map((n) => n.node).some((address) => masterAddresses.includes(address))).toBe(false);
  }, 150_000);

  it('samples across all masters within the stated error', async () => {
    const full = (await analyzeMemory(client, { mode: 'full' })).report;
    // Ten draws, judged together (see SamplingCalibration: one draw alone cannot test a 99.9 % margin). Key counts
    // per type are proportions, where the normal approximation holds. (Memory totals of this tiny dataset are
    // dominated by one 200-member sorted set, a tail a 120-key sample may miss; the standalone sampling test checks
    // memory margins on a realistic distribution.)
    const calibration = new SamplingCalibration();
    let nodes = 0;
    for (let draw = 0; draw < 10; draw++) {
      const { report } = await analyzeMemory(client, { mode: 'sample', sampleSize: 120 });
      expect(report.sampling.mode).toBe('sample');
      expect(report.sampling.keyspaceSize).toBe(KNOWN_DATASET_KEYS);
      for (const type of ['string', 'hash']) calibration.add(`${type} keys`, report.byType[type].keys, full.byType[type].keys, report.sampling.byTypeMargin[type].keys);
      nodes = report.nodes.length;
    }
    calibration.verify();
    expect(nodes).toBe(3);
  });

  it('flags key and memory imbalance when a hash tag and a big key pin data to one master', async () => {
    for (let i = 0; i < 3000; i += 500) {
      const args: string[] = [];
      for (let j = i; j < i + 500; j++) args.push(`tagged:{hot}:${j}`, 'v');
      await client.mset(...args);
    }
    await client.set('blob:{hot}', 'x'.repeat(3 * 1024 * 1024));
    try {
      const { report } = await analyzeMemory(client, { mode: 'full' });
      const byId = Object.fromEntries(report.recommendations.map((r) => [r.id, r]));
      expect(byId['cluster-key-imbalance'].evidence).toMatch(/holds 3,\d{3} keys vs an average/);
      expect(byId['cluster-memory-imbalance'].evidence).toMatch(/blob:\{hot\}/);
    } finally {
      for (let i = 0; i < 3000; i += 500) await client.del(...Array.from({ length: 500 }, (_, j) => `tagged:{hot}:${i + j}`));
      await client.del('blob:{hot}');
    }
  });
});
