/**
 * The Analysis tab of a real Valkey 8 Cluster in the real VS Code (code-server): the run shows the "Cluster slots"
 * section from CLUSTER SLOT-STATS, naming the hash-tagged hot slot first and each master's share of keys against
 * an even third, and the connection is labelled Valkey 8.0.1. Skipped with one printed reason where the Valkey 8
 * build is absent. Screenshot: test/e2e/artifacts/analysis-cluster-slots.png.
 */
import { Cluster } from 'ioredis';
import type { Frame } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterSet } from '../../helpers/redisServers';
import { VALKEY_8, availableBuilds } from '../../helpers/serverBuilds';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openInstancePanel, openRedisContainer, openWorkbench, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

const HOT_KEYS = 800;
const SPREAD_KEYS = 200;

for (const build of availableBuilds([VALKEY_8], 'the Cluster slots UI test')) {
  describe(`Cluster slots in the Analysis tab on ${build.label}`, () => {
    let set: ClusterSet;
    let client: Cluster;
    let server: CodeServer;
    let workbench: Workbench;
    let frame: Frame;
    let hotSlot: number;

    beforeAll(async () => {
      set = await startCluster({ binary: build.server, cli: build.cli });
      client = new Cluster(set.seeds.slice(0, 3));
      await new Promise<void>((resolve) => client.once('ready', () => resolve()));
      const writes: Array<Promise<unknown>> = [];
      for (let i = 0; i < HOT_KEYS; i++) writes.push(client.set(`{tenant:7}:item:${i}`, 'v'));
      for (let i = 0; i < SPREAD_KEYS; i++) writes.push(client.set(`spread:${i}`, 'x'));
      await Promise.all(writes);
      hotSlot = Number(await client.call('CLUSTER', 'KEYSLOT', '{tenant:7}'));
      const seeds = set.seeds.slice(0, 3).map((s) => `${s.host}:${s.port}`);
      server = await startCodeServer({ settings: { 'redisReview.connections': [{ name: 'Valkey Cluster', cluster: { seeds } }] } });
      workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/workspace') });
      await openRedisContainer(workbench.page);
      frame = await openInstancePanel(workbench.page, 'analysis');
    }, 240_000);

    afterEach(async (context) => {
      if (context.task.result?.state === 'fail') await workbench?.screenshot(`analysis-cluster-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
    });

    afterAll(async () => {
      await workbench?.close();
      await server?.stop();
      client?.disconnect();
      await set?.stop();
    });

    it('shows the hot slot and each master against an even share, for a connection labelled Valkey', async () => {
      await frame.click('[data-tab="analysis"]');
      await frame.click('[data-action="run-analysis"]');
      const keys = await eventually(async () => (await frame.locator('[data-stat="analysis-keys"]').textContent({ timeout: 500 }))?.trim(), 'the analysis totals', 120_000);
      expect(keys).toBe((HOT_KEYS + SPREAD_KEYS).toLocaleString('en-US'));
      const summary = await frame.locator('[data-field="slot-skew"]').textContent();
      expect(summary).toMatch(/^1,000 keys in \d+ of 16,384 slots; the fullest slot holds [\d.]+× the average per slot\.$/);
      const masters = frame.locator('[data-table="slot-masters"] tbody tr');
      expect(await masters.count()).toBe(3);
      const shares = (await masters.allTextContents()).join('\n');
      expect(shares).toMatch(/33\.3 %/);
      const hottest = (await frame.locator('[data-table="hot-slots"] tbody tr').first().locator('td').allTextContents()).map((t) => t.trim());
      expect(hottest.slice(0, 2)).toEqual(['keys', String(hotSlot)]);
      expect(hottest[3]).toBe(`${HOT_KEYS} keys`);
      // The connection header names the server as itself, not the Redis version Valkey reports for compatibility.
      expect(await frame.locator('body').textContent()).toContain('Valkey 8.0.1');
      await frame.locator('[data-table="slot-masters"]').scrollIntoViewIfNeeded();
      await workbench.screenshot('analysis-cluster-slots');
    }, 180_000);
  });
}
