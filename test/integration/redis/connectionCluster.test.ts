/** Cluster: connect from seeds, nodes with roles/slots/memory, keys merged across masters, and a master failure. */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotCount } from '../../../src/core/info/clusterNodes';
import { newProfile, type ConnectionProfile } from '../../../src/core/connection/profile';
import { RedisSession } from '../../../src/redis/connection/redisSession';
import { ConnectionFailure } from '../../../src/redis/connection/openConnection';
import { scanAllKeys, scanKeyPage } from '../../../src/redis/namespaces';
import { readClusterNodes } from '../../../src/redis/serverSummary';
import { startCluster, redisCli, type ClusterSet } from '../../helpers/redisServers';

let cluster: ClusterSet;
let profile: ConnectionProfile;
const KEYS = 600;

beforeAll(async () => {
  cluster = await startCluster();
  profile = newProfile({
    id: 'c',
    name: 'cluster',
    topology: 'cluster',
    cluster: { seeds: cluster.seeds.slice(0, 2) },
    connectTimeoutMs: 3000,
    commandTimeoutMs: 2000,
  });
});
afterAll(async () => {
  await cluster?.stop();
});

async function countAll(session: RedisSession): Promise<{ keys: number; errors: string[] }> {
  let keys = 0;
  const errors: string[] = [];
  for await (const page of scanAllKeys(session.client, { prefix: Buffer.from('item:'), pageSize: 200 })) {
    keys += page.keys.length;
    errors.push(...page.errors.map((e) => `${e.node}: ${e.message}`));
  }
  return { keys, errors };
}

/**
 * A listener that closes every connection at once, so the port stays taken while nothing answers on it; none when
 * another process was quicker to bind it.
 */
async function refuseOn(port: number): Promise<Server[]> {
  const server = createServer((socket) => socket.destroy());
  return new Promise<Server[]>((resolve) => {
    server.once('error', () => resolve([]));
    server.listen(port, '127.0.0.1', () => resolve([server]));
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, state: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await probe().catch((error: unknown) => ((last = error), undefined));
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last error: ${String(last)}); ${state()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Cluster connections', () => {
  it('reports a seed list where nothing listens specifically', async () => {
    const dead = { ...profile, cluster: { seeds: [{ host: '127.0.0.1', port: 1 }] } };
    const error = await RedisSession.open(dead, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailure);
    expect(['refused', 'cluster-down']).toContain((error as ConnectionFailure).kind);
  });

  it('maps announced node addresses through the NAT map', async () => {
    const natMap = Object.fromEntries(cluster.ports.map((port) => [`127.0.0.1:${port}`, { host: 'localhost', port }]));
    const session = await RedisSession.open({ ...profile, cluster: { seeds: [{ host: 'localhost', port: cluster.ports[0] }], natMap } }, {});
    try {
      if (!('nodes' in session.client)) throw new Error('expected a cluster client');
      expect(new Set(session.client.nodes('master').map((n) => n.options.host))).toEqual(new Set(['localhost']));
      await session.client.set('nat:probe', '1');
      expect(await session.client.get('nat:probe')).toBe('1');
      await session.client.del('nat:probe');
    } finally {
      await session.close();
    }
  });

  it('browses every master, survives a killed master, and is whole again after failover', async () => {
    const held: Server[] = [];
    const session = await RedisSession.open(profile, {});
    try {
      expect(session.serverVersion).toMatch(/^7\./);
      const pipeline = [];
      for (let i = 0; i < KEYS; i++) pipeline.push(session.client.set(`item:${i}`, String(i)));
      await Promise.all(pipeline);

      const nodes = await readClusterNodes(session.client);
      const masters = nodes.filter((n) => n.role === 'master');
      expect(masters).toHaveLength(3);
      expect(nodes.filter((n) => n.role === 'replica')).toHaveLength(3);
      expect(masters.reduce((sum, n) => sum + slotCount(n.slots), 0)).toBe(16384);
      expect(masters.every((n) => (n.usedMemoryBytes ?? 0) > 0)).toBe(true);

      expect(await countAll(session)).toEqual({ keys: KEYS, errors: [] });

      // Kill the first master: its slots fail, the other masters keep answering.
      const victim = cluster.nodes[0];
      const victimKeys = Number(redisCli(['-p', String(victim.port), 'dbsize']).trim());
      const killedAt = Date.now();
      await victim.kill();
      // Keep the dead master's ports taken (connections are refused as before): in the full suite other test files
      // start servers meanwhile, and one that bound the freed port would answer this cluster's client instead.
      held.push(...(await refuseOn(victim.port)), ...(await refuseOn(victim.port + 10000)));
      const partial = await scanKeyPage(session.client, { prefix: Buffer.from('item:'), pageSize: 10_000 });
      expect(partial.errors.map((e) => e.node)).toEqual([`127.0.0.1:${victim.port}`]);
      expect(partial.keys.length).toBe(KEYS - victimKeys);

      // The replica takes over (cluster-node-timeout 2 s); browsing becomes whole again.
      let lastCount: { keys: number; errors: string[] } | undefined;
      const survivor = cluster.nodes[1].port;
      const healed = await until(
        'browsing to be whole again',
        async () => {
          const result = (lastCount = await countAll(session));
          return result.errors.length === 0 && result.keys === KEYS ? result : undefined;
        },
        90_000,
        () =>
          `last count ${JSON.stringify(lastCount)}; the client's masters ${JSON.stringify(
            'nodes' in session.client ? session.client.nodes('master').map((n) => n.options.port) : [],
          )}; CLUSTER NODES on ${survivor}:\n${redisCli(['-p', String(survivor), 'cluster', 'nodes'])}`,
      );
      console.log(`cluster browsing whole again ${Date.now() - killedAt} ms after the master was killed`);
      expect(healed.keys).toBe(KEYS);
      const after = await readClusterNodes(session.client);
      expect(after.find((n) => n.port === victim.port)?.flags).toContain('fail');
    } finally {
      await session.close();
      for (const server of held) server.close();
    }
  }, 150_000);
});
