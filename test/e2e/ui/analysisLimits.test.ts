/**
 * What the Analysis tab says when an analysis cannot be what it normally is, in the real VS Code (code-server)
 * against a real redis-server 7.0 whose MEMORY command is renamed away (as managed caches block it):
 * - before the scan, a warning that this server has no CLIENT NO-TOUCH, so the analysis resets LRU idle times;
 * - a cancelled run keeps its partial result, labelled "Partial (cancelled)", with a Resume action; so does a run
 *   whose server stops answering (CLIENT PAUSE), labelled with the reason;
 * - sizes that could not be read are labelled as estimates, in the status line and on the memory card.
 * Screenshots go to test/e2e/artifacts/analysis-limits-*.png.
 */
import Redis from 'ioredis';
import type { Frame } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openInstancePanel, openRedisContainer, openWorkbench, runCommand, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

/** Enough keys that a full analysis takes seconds even on a fast machine, so the test can cancel it midway. */
const KEYS = 1_000_000;

let redis: Standalone;
let server: CodeServer;
let workbench: Workbench;
let frame: Frame;

beforeAll(async () => {
  redis = await startStandalone({ args: ['--rename-command', 'MEMORY', '""'] });
  const client = new Redis(redis.port, '127.0.0.1');
  await client.call('DEBUG', 'POPULATE', KEYS, 'item', 40);
  client.disconnect();
  server = await startCodeServer({ settings: { 'redisReview.connections': [{ name: 'Metered', url: redis.url }] } });
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/linkage') });
  await openRedisContainer(workbench.page);
  frame = await openInstancePanel(workbench.page, 'analysis');
}, 300_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await workbench?.screenshot(`analysis-limits-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  await redis?.stop();
});

/** Notifications, as toasts or (once toasts hid themselves) in the notification center. */
const notificationItems = (workbench: Workbench, text: string) => workbench.page.locator('.notification-list-item', { hasText: text });

async function showNotificationCenter(workbench: Workbench): Promise<void> {
  if (await workbench.page.locator('.notifications-center.visible').isVisible().catch(() => false)) return;
  await runCommand(workbench.page, 'Notifications: Show Notifications');
  await workbench.page.locator('.notifications-center.visible').waitFor({ timeout: 15_000 });
}

const keysShown = async () => Number((await frame.locator('[data-stat="analysis-keys"]').textContent())?.replace(/\D/g, ''));

async function partialStatus(what: string): Promise<string> {
  return eventually(async () => {
    const text = await frame.locator('[data-field="analysis-status"]').textContent({ timeout: 500 });
    return text && /Partial \(/.test(text) ? text : undefined;
  }, what, 120_000);
}

/** Wait for the running analysis to report key counts in its progress notification, and return that notification. */
async function runningProgress() {
  const progress = notificationItems(workbench, 'Analyzing memory of Metered').first();
  await eventually(async () => /[\d,]+ of [\d,]+ keys/.test(await progress.innerText({ timeout: 1000 })), 'progress with key counts', 120_000);
  return progress;
}

async function resume(): Promise<void> {
  await showNotificationCenter(workbench);
  await notificationItems(workbench, 'partial results kept').first().locator('.monaco-button', { hasText: 'Resume' }).click();
}

describe('Analysis tab when the server limits the analysis', () => {
  it('warns about LRU idle times before the scan, and a cancelled run keeps a labelled partial result', async () => {
    await frame.click('[data-tab="analysis"]');
    await frame.click('[data-action="run-analysis"]');
    // Toasts hide themselves: the notification center keeps every message, and the progress with its Cancel button.
    await showNotificationCenter(workbench);
    const progress = await runningProgress();
    await progress.locator('.monaco-button, a.action-label', { hasText: 'Cancel' }).first().click();
    const status = await partialStatus('the cancelled result in the Analysis tab');
    expect(status).toMatch(/^Partial \(cancelled\)/);
    expect(status).toMatch(/sizes estimated/);
    const keys = await keysShown();
    expect(keys).toBeGreaterThan(0);
    expect(keys).toBeLessThan(KEYS);
    // The LRU warning went out before the first key was inspected; the partial result offers Resume.
    await showNotificationCenter(workbench);
    const warning = notificationItems(workbench, 'CLIENT NO-TOUCH').first();
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.innerText()).toMatch(/resets every key's LRU idle time/);
    const partial = notificationItems(workbench, 'partial results kept').first();
    await partial.waitFor({ timeout: 15_000 });
    expect(await partial.locator('.monaco-button', { hasText: 'Resume' }).count()).toBe(1);
    await workbench.screenshot('analysis-limits-partial');
  }, 300_000);

  it('keeps what it had when the server stops answering mid-run, and says why', async () => {
    const before = await keysShown();
    await resume();
    await runningProgress();
    // CLIENT PAUSE ALL holds every command for longer than the analysis waits for a reply (it lifts itself).
    const pauser = new Redis(redis.port, '127.0.0.1');
    await pauser.call('CLIENT', 'PAUSE', 25_000, 'ALL');
    pauser.disconnect();
    const status = await eventually(async () => {
      const text = await frame.locator('[data-field="analysis-status"]').textContent({ timeout: 500 });
      return text && /stopped answering/.test(text) ? text : undefined;
    }, 'the stopped result in the Analysis tab', 180_000);
    expect(status).toMatch(/^Partial \(the analysis of 127\.0\.0\.1:\d+ stopped after [\d,]+ keys: the server stopped answering/);
    const keys = await keysShown();
    expect(keys).toBeGreaterThan(before);
    expect(keys).toBeLessThan(KEYS);
    await workbench.screenshot('analysis-limits-server-stopped');
  }, 300_000);

  it('resumes to every key, labelling sizes as estimates when MEMORY USAGE is refused', async () => {
    // Wait out the pause before resuming.
    await eventually(async () => {
      const probe = new Redis(redis.port, '127.0.0.1', { commandTimeout: 1000, maxRetriesPerRequest: 0 });
      // A probe that times out while the pause lasts is expected; its rejection is what `eventually` retries on.
      probe.on('error', () => undefined);
      try {
        return (await probe.ping()) === 'PONG';
      } finally {
        probe.disconnect();
      }
    }, 'the server to answer again', 60_000);
    await resume();
    const keys = await eventually(async () => {
      const count = await keysShown();
      return count === KEYS ? count : undefined;
    }, 'the resumed analysis to cover every key', 300_000);
    expect(keys).toBe(KEYS);
    const status = await frame.locator('[data-field="analysis-status"]').textContent();
    expect(status).not.toMatch(/Partial \(/);
    expect(status).toMatch(/sizes estimated/);
    expect(await frame.locator('body').innerText()).toMatch(/Memory \(estimated\)/);
    await workbench.screenshot('analysis-limits-estimated');
  }, 420_000);
});
