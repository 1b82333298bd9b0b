/**
 * The Analysis tab's snapshot method in the real VS Code (code-server) against a real redis-server: on a read-only
 * connection, "From a snapshot (RDB over replication)" shows its progress (bytes and keys) in a notification and
 * then the report with its "From the snapshot" section (keys already expired, idle times); a second run is
 * cancelled mid-transfer and kept as a labelled partial report; an ACL user without SYNC gets the reason and the
 * fix in the tab, and no empty report. The server's snapshot child sleeps per key (rdb-key-save-delay), so the
 * transfer lasts long enough to watch and to cancel. Screenshots go to test/e2e/artifacts/analysis-snapshot-*.png.
 */
import Redis from 'ioredis';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_DATASET_KEYS, seedKnownDataset } from '../../integration/analysis/knownDataset';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openRedisContainer, openWorkbench, runCommand, runOpenInstanceBrowser, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

const POPULATED = 20_000;
const EXPIRED = 20;
const LIVE_KEYS = KNOWN_DATASET_KEYS + POPULATED;

let redis: Standalone;
let client: Redis;
let server: CodeServer;
let workbench: Workbench;

beforeAll(async () => {
  redis = await startStandalone({
    // Idle times go into a snapshot only under an LRU policy; diskless replication without waiting for more replicas.
    args: ['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', '--maxmemory-policy', 'allkeys-lru'],
    aclUsers: ['user viewer on >viewer-pw ~* &* +@all -sync -psync'],
  });
  client = new Redis(redis.port, '127.0.0.1');
  await seedKnownDataset(client);
  await client.call('DEBUG', 'POPULATE', POPULATED, 'item', 40);
  // Keys past their expiry that the server has not reclaimed: only a snapshot shows them.
  await client.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
  for (let i = 0; i < EXPIRED; i++) await client.set(`gone:${i}`, 'v', 'PX', 1);
  server = await startCodeServer({
    settings: {
      'redisReview.connections': [
        // Read-only: the snapshot method is still offered (SYNC writes nothing).
        { name: 'Snapshot', url: redis.url, readOnly: true },
        // Its password is asked once when it connects (URLs in settings never hold one).
        { name: 'Viewer', url: redis.url, username: 'viewer', passwordRequired: true },
      ],
    },
  });
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/linkage') });
  await openRedisContainer(workbench.page);
}, 300_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await workbench?.screenshot(`analysis-snapshot-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
  await client?.config('SET', 'rdb-key-save-delay', '0').catch(() => undefined);
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  client?.disconnect();
  await redis?.stop();
});

/** The editor-area instance panel of this connection (the palette asks which, since two are configured). */
async function openInstance(page: Page, connectionName: string, password?: string): Promise<Frame> {
  await runOpenInstanceBrowser(page);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: connectionName }).first().waitFor({ state: 'visible', timeout: 60_000 });
  // Typed and Enter: the list re-renders while connection states update, so a click may never find it still.
  await page.keyboard.type(connectionName);
  await eventually(async () => (await page.locator('.quick-input-list .monaco-list-row').count()) === 1, `the quick pick filtered to ${connectionName}`, 60_000);
  await page.keyboard.press('Enter');
  if (password !== undefined) {
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 60_000 });
    await input.fill(password);
    await page.keyboard.press('Enter');
  }
  return eventually(async () => {
    for (const candidate of page.frames()) {
      const name = await candidate.locator('body[data-surface="panel"] [data-field="connection-name"]').first().textContent({ timeout: 200 }).catch(() => null);
      if (name?.trim() === connectionName) return candidate;
    }
    return undefined;
  }, `the instance panel of ${connectionName}`, 90_000);
}

async function runSnapshot(frame: Frame): Promise<void> {
  await frame.click('[data-tab="analysis"]');
  await frame.check('[data-method="snapshot"]');
  await frame.click('[data-action="run-analysis"]');
}

/** Toasts hide themselves with the smoke-test driver on: the notification center keeps the progress and its Cancel. */
async function snapshotProgress(page: Page, connectionName: string, pattern: RegExp) {
  if (!(await page.locator('.notifications-center.visible').isVisible().catch(() => false))) {
    await runCommand(page, 'Notifications: Show Notifications');
    await page.locator('.notifications-center.visible').waitFor({ timeout: 15_000 });
  }
  const item = page.locator('.notification-list-item', { hasText: `Reading a snapshot of ${connectionName}` }).first();
  const text = await eventually(async () => {
    const shown = await item.innerText({ timeout: 1000 });
    return pattern.test(shown) ? shown : undefined;
  }, `snapshot progress matching ${pattern}`, 120_000);
  return { item, text };
}

const status = (frame: Frame) => frame.locator('[data-field="analysis-status"]').textContent({ timeout: 1000 });
const keysShown = async (frame: Frame) => Number((await frame.locator('[data-stat="analysis-keys"]').textContent({ timeout: 1000 }))?.replace(/\D/g, ''));

describe('Analysis tab: from a snapshot', () => {
  let frame: Frame;

  it('reads a snapshot of a read-only connection with progress, then shows the report and what only a snapshot has', async () => {
    // About 10 s of transfer (0.5 ms per key): long enough to watch the progress.
    await client.config('SET', 'rdb-key-save-delay', '500');
    frame = await openInstance(workbench.page, 'Snapshot');
    await runSnapshot(frame);
    const { text } = await snapshotProgress(workbench.page, 'Snapshot', /of the snapshot, [\d,]*[1-9][\d,]* keys? parsed/);
    expect(text).toMatch(/\d+(\.\d)? [KM]?B of the snapshot/);
    const keys = await eventually(async () => {
      const line = await status(frame);
      return line && /from a snapshot/.test(line) ? keysShown(frame) : undefined;
    }, 'the snapshot report in the Analysis tab', 180_000);
    expect(keys).toBe(LIVE_KEYS);
    expect(await status(frame)).not.toMatch(/Partial/);
    const section = frame.locator('[data-section="rdb"]');
    // The Keys tab's SCAN reclaims the expired keys it passes; DBSIZE counts the rest without touching them.
    const unreclaimed = (await client.dbsize()) - LIVE_KEYS;
    expect(unreclaimed).toBeGreaterThan(0);
    expect(await section.locator('[data-stat="rdb-expired"]').textContent()).toMatch(new RegExp(`^${unreclaimed} keys?, `));
    expect(await section.locator('[data-chart="Idle time (LRU)"]').count()).toBe(1);
    expect(await section.locator('[data-field="rdb-source"]').textContent()).toMatch(/a snapshot streamed from Snapshot .*Redis \d/);
    expect(await frame.locator('.treemap-cell[data-namespace="user:*"]').count()).toBe(1);
    await workbench.screenshot('analysis-snapshot-report');
  }, 420_000);

  it('cancels a snapshot mid-transfer and keeps what was read, labelled partial', async () => {
    // About 40 s of transfer (2 ms per key): cancelled as soon as keys arrive.
    await client.config('SET', 'rdb-key-save-delay', '2000');
    await runSnapshot(frame);
    const { item } = await snapshotProgress(workbench.page, 'Snapshot', /[\d,]*[1-9][\d,]* keys? parsed/);
    await item.locator('.monaco-button, a.action-label', { hasText: 'Cancel' }).first().click();
    const line = await eventually(async () => {
      const text = await status(frame);
      return text && /^Partial \(/.test(text) ? text : undefined;
    }, 'the cancelled snapshot in the Analysis tab', 120_000);
    expect(line).toMatch(/^Partial \(127\.0\.0\.1:\d+: cancelled after \d+ bytes of the RDB — .* of the snapshot read, [\d,]+ keys? in the report\) · from a snapshot/);
    const keys = await keysShown(frame);
    expect(keys).toBeGreaterThan(0);
    expect(keys).toBeLessThan(LIVE_KEYS);
    expect(await frame.locator('[data-section="rdb"]').count()).toBe(1);
    await workbench.screenshot('analysis-snapshot-cancelled');
  }, 300_000);

  it('an ACL user without SYNC gets the reason and the fix in the tab, and no empty report', async () => {
    const viewer = await openInstance(workbench.page, 'Viewer', 'viewer-pw');
    await runSnapshot(viewer);
    const error = await eventually(async () => viewer.locator('[data-field="analysis-error"]').textContent({ timeout: 1000 }), 'the refusal in the Analysis tab', 120_000);
    expect(error).toMatch(/refused SYNC: NOPERM.*\+sync and \+replconf.*nothing of the snapshot was read.*The Live method \(SCAN \+ MEMORY USAGE\) needs no SYNC permission/);
    expect(await viewer.locator('[data-stat="analysis-keys"]').count()).toBe(0);
    expect(await status(viewer)).toMatch(/No analysis yet/);
    await workbench.screenshot('analysis-snapshot-refused');
  }, 300_000);
});
