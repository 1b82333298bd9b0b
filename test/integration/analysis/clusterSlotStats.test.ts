/**
 * Slot-level skew in the Cluster analysis on a real Valkey 8 3-master Cluster (CLUSTER SLOT-STATS, with CPU and
 * network tracking on): a hash tag that piles keys into one slot is named as the hottest slot, with its master's
 * share of keys against an even third, in the report and every output format. A Redis 7.0 Cluster has no
 * SLOT-STATS: the section is absent and the analysis is otherwise the same.
 */
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJsonReport, toMarkdown, toText } from '../../../src/core/memory/reportFormats';
import { analyzeMemory } from '../../../src/redis/analysis/analyzeMemory';
import { startCluster, type ClusterSet } from '../../helpers/redisServers';
import { REDIS_7_0, VALKEY_8, availableBuilds } from '../../helpers/serverBuilds';

const HOT_KEYS = 1500;
const SPREAD_KEYS = 300;

async function connect(set: ClusterSet): Promise<Cluster> {
  const client = new Cluster(set.seeds.slice(0, 3));
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  return client;
}

/** HOT_KEYS under one hash tag (one slot), read once each so the slot also leads CPU time; SPREAD_KEYS elsewhere. */
async function seed(client: Cluster): Promise<number> {
  const writes: Array<Promise<unknown>> = [];
  for (let i = 0; i < HOT_KEYS; i++) writes.push(client.set(`{tenant:1}:item:${i}`, 'v'.repeat(20)));
  for (let i = 0; i < SPREAD_KEYS; i++) writes.push(client.set(`spread:${i}`, 'x'));
  await Promise.all(writes);
  await Promise.all(Array.from({ length: HOT_KEYS }, (_, i) => client.get(`{tenant:1}:item:${i}`)));
  return Number(await client.call('CLUSTER', 'KEYSLOT', '{tenant:1}'));
}

/**
 * A few script runs that each spend tens of milliseconds on one key's slot. cpu-usec is the time a command took,
 * so one command of another slot that the OS descheduled on a busy machine can outweigh the hot slot's 3,000 cheap
 * SETs and GETs (about 10 ms in all): this makes the hot slot's lead a matter of work, not of luck.
 */
async function burnCpuOn(client: Cluster, key: string): Promise<void> {
  for (let i = 0; i < 5; i++) await client.eval('local n = 0 for i = 1, 1000000 do n = n + i end return tostring(n)', 1, key);
}

for (const build of availableBuilds([VALKEY_8], 'the CLUSTER SLOT-STATS analysis test')) {
  describe(`${build.label} Cluster: slot skew from CLUSTER SLOT-STATS`, () => {
    let set: ClusterSet;
    let client: Cluster;
    let hotSlot: number;

    beforeAll(async () => {
      set = await startCluster({ binary: build.server, cli: build.cli, args: ['--cluster-slot-stats-enabled', 'yes'] });
      client = await connect(set);
      hotSlot = await seed(client);
      await burnCpuOn(client, '{tenant:1}:busy');
    }, 120_000);

    afterAll(async () => {
      client?.disconnect();
      await set?.stop();
    });

    it('names the hot slot, its master and each master against an even share', async () => {
      const { report, complete } = await analyzeMemory(client, { mode: 'full' });
      expect(complete).toBe(true);
      // Every key inspected: SCAN cursors of per-slot dicts (7.4+, Valkey 8) once made split scans skip most keys.
      expect(report.totalKeys).toBe(HOT_KEYS + SPREAD_KEYS);
      for (const node of report.nodes) expect(node.keys, node.node).toBe(node.dbsize);
      const skew = report.slotSkew!;
      expect(skew).toBeDefined();
      expect(skew.slotsReported).toBe(16384);
      expect(skew.totalKeys).toBe(HOT_KEYS + SPREAD_KEYS);
      expect(skew.hottestByKeys[0]).toMatchObject({ slot: hotSlot, value: HOT_KEYS });
      expect(skew.hottestByKeys[0].share).toBeCloseTo(HOT_KEYS / (HOT_KEYS + SPREAD_KEYS), 5);
      // Which master owns the slot, as the Cluster itself says.
      const owner = report.nodes.find((n) => n.keys >= HOT_KEYS)!;
      expect(skew.hottestByKeys[0].node).toBe(owner.node);
      expect(skew.masters).toHaveLength(3);
      expect(skew.masters.map((m) => m.slots).reduce((a, b) => a + b, 0)).toBe(16384);
      expect(skew.masters.map((m) => m.keys).sort()).toEqual(report.nodes.map((n) => n.keys).sort());
      const hotMaster = skew.masters.find((m) => m.node === owner.node)!;
      expect(hotMaster.keyShare).toBeGreaterThan(0.8);
      expect(hotMaster.evenShare).toBeCloseTo(1 / 3, 5);
      // Tracking is on: the hot slot's 1,500 SETs and GETs lead network bytes, and with its script runs CPU time too
      // (on a busy machine a descheduled command can still inflate another slot's time, hence the top three).
      expect(skew.hottestByNetwork?.[0].slot).toBe(hotSlot);
      expect(skew.hottestByCpu?.slice(0, 3).map((s) => s.slot), JSON.stringify(skew.hottestByCpu?.slice(0, 3))).toContain(hotSlot);
      expect(skew.hottestByCpu![0].value).toBeGreaterThan(0);

      expect(toText(report)).toMatch(new RegExp(`Cluster slots \\(CLUSTER SLOT-STATS\\):\\n.*\\n(.*\\n)*  Hottest slots by keys: ${hotSlot} on ${owner.node.replace(/\./g, '\\.')} 1,500 keys`));
      expect(toMarkdown(report)).toContain('## Cluster slots (CLUSTER SLOT-STATS)');
      expect(toMarkdown(report)).toContain(`${owner.node}: ${hotMaster.slots.toLocaleString('en-US')} slots, ${hotMaster.keys.toLocaleString('en-US')} keys`);
      expect((toJsonReport(report).slotSkew as typeof skew).hottestByKeys[0].slot).toBe(hotSlot);
    }, 120_000);
  });
}

for (const build of availableBuilds([REDIS_7_0], 'the Cluster analysis without SLOT-STATS')) {
  describe(`${build.label} Cluster: no CLUSTER SLOT-STATS`, () => {
    let set: ClusterSet;
    let client: Cluster;

    beforeAll(async () => {
      set = await startCluster({ binary: build.server, cli: build.cli });
      client = await connect(set);
      await seed(client);
    }, 120_000);

    afterAll(async () => {
      client?.disconnect();
      await set?.stop();
    });

    it('reports no slot section and analyses the keys as before', async () => {
      const { report, complete } = await analyzeMemory(client, { mode: 'full' });
      expect(complete).toBe(true);
      expect(report.totalKeys).toBe(HOT_KEYS + SPREAD_KEYS);
      expect(report.slotSkew).toBeUndefined();
      expect(toText(report)).not.toContain('Cluster slots');
      expect(toJsonReport(report)).not.toHaveProperty('slotSkew');
    }, 120_000);
  });
}
