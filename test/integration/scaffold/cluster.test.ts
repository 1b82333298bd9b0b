/**
 * The patterns with multi-key operations (scripts and commands over keys sharing a {hash tag}) run unchanged
 * against a real 3-master Redis Cluster, in both languages: no CROSSSLOT, same guarantees, same TTLs.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';
import { startCluster, type ClusterSet } from '../../helpers/redisServers';
import { EXPECTATIONS } from './expectations';
import { BUSY_MACHINE_MS, compileDrivers, makeWorkspace, removeWorkspace, runPythonDriver, runTypescriptDriver } from './harness';

const MULTI_KEY = SCAFFOLD_PATTERNS.filter((pattern) => pattern.multiKey);

let cluster: ClusterSet;
let client: Cluster;
let pythonDir: string;
let typescriptDir: string;
let env: NodeJS.ProcessEnv;

/** Keys under `prefix` on every master that should expire but have no TTL. */
async function clusterKeysMissingTtl(prefix: string, persistent?: RegExp): Promise<string[]> {
  const missing: string[] = [];
  for (const node of client.nodes('master')) {
    for await (const batch of node.scanStream({ match: prefix + '*', count: 500 })) {
      for (const key of batch as string[]) {
        // -2: the key expired since SCAN returned it; only -1 is a key without a TTL.
        if (!persistent?.test(key) && (await node.pttl(key)) === -1) missing.push(key);
      }
    }
  }
  return missing;
}

beforeAll(async () => {
  cluster = await startCluster();
  client = new Cluster(cluster.seeds.slice(0, 3));
  env = { CLUSTER_NODES: cluster.seeds.map((seed) => `${seed.host}:${seed.port}`).join(',') };
  pythonDir = makeWorkspace('python');
  typescriptDir = makeWorkspace('typescript');
  // Only the drivers run here: compiling all eleven costs seconds on a busy 2-core machine.
  const compiled = await compileDrivers(typescriptDir, MULTI_KEY.map((pattern) => `drive_${pattern.templates.typescript.moduleName}.ts`));
  if (compiled.code !== 0) throw new Error(`driver compilation failed:\n${compiled.stdout}${compiled.stderr}`);
}, BUSY_MACHINE_MS + 90_000);

afterAll(async () => {
  await client?.quit();
  await cluster?.stop();
  for (const dir of [pythonDir, typescriptDir]) if (dir) removeWorkspace(dir);
});

describe('multi-key patterns on Redis Cluster', () => {
  it('covers the patterns that use hash-tagged multi-key operations', () => {
    expect(MULTI_KEY.map((pattern) => pattern.id).sort()).toEqual(['cache-aside', 'delayed-jobs', 'job-queue', 'unique-counters']);
  });

  for (const pattern of MULTI_KEY) {
    it(`${pattern.id} (Python, RedisCluster)`, async () => {
      const report = await runPythonDriver(pythonDir, pattern.templates.python.moduleName, { ...env, DRIVER_PREFIX: 'cpy' });
      EXPECTATIONS[pattern.id].check(report);
      expect(await clusterKeysMissingTtl(`cpy-${pattern.id}`, EXPECTATIONS[pattern.id].persistent)).toEqual([]);
    });

    it(`${pattern.id} (TypeScript, ioredis Cluster)`, async () => {
      const report = await runTypescriptDriver(typescriptDir, pattern.templates.typescript.moduleName, { ...env, DRIVER_PREFIX: 'cts' });
      EXPECTATIONS[pattern.id].check(report);
      expect(await clusterKeysMissingTtl(`cts-${pattern.id}`, EXPECTATIONS[pattern.id].persistent)).toEqual([]);
    });
  }
});
