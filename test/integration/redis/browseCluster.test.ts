/** The key browser on a real 3-master Cluster: every master is scanned, metadata and edits route per key, stats per node. */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterSet } from '../../helpers/redisServers';
import { KeyScan } from '../../../src/redis/browse/scanKeys';
import { keyMeta } from '../../../src/redis/browse/keyMeta';
import { masterNodes } from '../../../src/redis/browse/nodes';
import { applyEdit } from '../../../src/redis/browse/editKey';
import { readActivity, readStats } from '../../../src/redis/browse/serverStats';

let cluster: ClusterSet;
let client: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
  client = new Cluster(cluster.seeds);
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('error', reject);
  });
  await Promise.all(Array.from({ length: 300 }, (_, i) => client.set(`k:${i}`, String(i))));
  await client.hset('h:{x}', 'a', '1');
});

afterAll(async () => {
  client?.disconnect();
  await cluster?.stop();
});

describe('browse on a Cluster', () => {
  it('scans all three masters in parallel and lists keys from each of them', async () => {
    const masters = masterNodes(client);
    expect(masters).toHaveLength(3);
    const perMaster = await Promise.all(masters.map((node) => node.dbsize()));
    expect(perMaster.every((count) => count > 0)).toBe(true);
    const scan = new KeyScan(masters, { pattern: 'k:*', type: '' });
    const keys: string[] = [];
    while (!scan.done) keys.push(...(await scan.step(50)).keys.map(String));
    expect(keys.sort()).toEqual(Array.from({ length: 300 }, (_, i) => `k:${i}`).sort());
    // Each master contributed the keys it owns.
    for (const node of masters) {
      const own = (await node.call('SCAN', '0', 'MATCH', 'k:*', 'COUNT', '1000')) as [string, string[]];
      expect(own[1].length).toBeGreaterThan(0);
      expect(own[1].every((key) => keys.includes(key))).toBe(true);
    }
  });

  it('fetches metadata for keys living on different masters', async () => {
    const meta = await keyMeta(client, ['k:1', 'k:2', 'k:3', 'h:{x}'].map((key) => Buffer.from(key)));
    expect(meta.map((row) => row.type)).toEqual(['string', 'string', 'string', 'hash']);
    expect(meta[3].length).toBe(1);
    expect(meta.every((row) => row.memory !== null && row.memory > 0)).toBe(true);
  });

  it('edits route to the owning master', async () => {
    await applyEdit({ client, readOnly: false }, Buffer.from('h:{x}'), { op: 'hashSet', field: 'tb', value: 't2' });
    expect(await client.hget('h:{x}', 'b')).toBe('2');
  });

  it('reports per-node stats with totals over masters only', async () => {
    const stats = await readStats(client, 'cluster');
    // ioredis connects to the masters (no scaleReads); each master reports its replica and the lag to it.
    expect(stats.nodes.filter((node) => node.role === 'master')).toHaveLength(3);
    expect(stats.nodes.filter((node) => node.role === 'master').every((node) => node.connectedReplicas === 1)).toBe(true);
    expect(new Set(stats.nodes.map((node) => node.address)).size).toBe(stats.nodes.length);
    expect(stats.totals.keys).toBe(301);
    const activity = await readActivity(client, 10, 'cluster');
    expect(new Set(activity.clients.map((row) => row.node)).size).toBe(3);
  });
});
