/**
 * The Analysis tab's snapshot method on a real redis-server Cluster (3 masters, 3 replicas) in the real VS Code
 * (code-server): every master streams its snapshot in parallel into one report, whose "From the snapshot" section
 * lists each master with its keys. Screenshot: test/e2e/artifacts/analysis-snapshot-cluster.png.
 */
import { Cluster } from 'ioredis';
import type { Frame } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type ClusterSet } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openInstancePanel, openRedisContainer, openWorkbench, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

const KEYS = 900;

let set: ClusterSet;
let client: Cluster;
let server: CodeServer;
let workbench: Workbench;
let frame: Frame;
let masters: string[];

beforeAll(async () => {
  set = await startCluster({ args: ['--repl-diskless-sync-delay', '0'] });
  client = new Cluster(set.seeds.slice(0, 3));
  await new Promise<void>((resolve) => client.once('ready', () => resolve()));
  await Promise.all(Array.from({ length: KEYS }, (_, i) => client.set(`cart:${i}`, `items-${i}`)));
  masters = client.nodes('master').map((n) => `${n.options.host}:${n.options.port}`).sort();
  const seeds = set.seeds.slice(0, 3).map((s) => `${s.host}:${s.port}`);
  server = await startCodeServer({ settings: { 'redisReview.connections': [{ name: 'Shop Cluster', cluster: { seeds } }] } });
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/workspace') });
  await openRedisContainer(workbench.page);
  frame = await openInstancePanel(workbench.page, 'analysis');
}, 300_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await workbench?.screenshot(`analysis-snapshot-cluster-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  client?.disconnect();
  await set?.stop();
});

describe('Analysis tab: a snapshot of every Cluster master', () => {
  it('reads the three masters in parallel into one report that lists each', async () => {
    await frame.click('[data-tab="analysis"]');
    await frame.check('[data-method="snapshot"]');
    await frame.click('[data-action="run-analysis"]');
    const keys = await eventually(async () => {
      const status = await frame.locator('[data-field="analysis-status"]').textContent({ timeout: 1000 });
      return status && /from a snapshot/.test(status) ? (await frame.locator('[data-stat="analysis-keys"]').textContent({ timeout: 1000 }))?.trim() : undefined;
    }, 'the snapshot report', 180_000);
    expect(keys).toBe(KEYS.toLocaleString('en-US'));
    expect(await frame.locator('[data-field="analysis-status"]').textContent()).not.toMatch(/Partial/);
    const rows = frame.locator('[data-section="rdb"] [data-table="rdb-nodes"] tbody tr');
    expect(await rows.count()).toBe(3);
    const cells = await Promise.all([0, 1, 2].map(async (i) => (await rows.nth(i).locator('td').allTextContents()).map((t) => t.trim())));
    expect(cells.map((c) => c[0]).sort()).toEqual(masters);
    expect(cells.reduce((sum, c) => sum + Number(c[1].replace(/\D/g, '')), 0)).toBe(KEYS);
    await frame.locator('[data-table="rdb-nodes"]').scrollIntoViewIfNeeded();
    await workbench.screenshot('analysis-snapshot-cluster');
  }, 240_000);
});
