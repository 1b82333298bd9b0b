/**
 * The Connections view in the real VS Code (code-server) against a real seeded Redis: add a connection through
 * the UI by pasting a URL, see the server version, namespaces and keys, and delete a key after the modal
 * confirmation. Screenshots go to test/e2e/artifacts/connections-*.png.
 */
import Redis from 'ioredis';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openRedisContainer, openWorkbench, runCommand, untilVisible, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

let redis: Standalone;
let client: Redis;
let server: CodeServer;
let workbench: Workbench;

beforeAll(async () => {
  redis = await startStandalone();
  client = new Redis(redis.port, '127.0.0.1');
  await client.set('app:user:1', 'a');
  await client.set('app:user:2', 'b');
  await client.set('app:cache:home', 'c');
  await client.set('temp:delete-me', 'bye');
  server = await startCodeServer();
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/workspace') });
  await openRedisContainer(workbench.page);
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  client?.disconnect();
  await redis?.stop();
});

function row(page: Page, text: string) {
  return page.locator('.monaco-list-row', { hasText: text }).first();
}

async function expand(page: Page, text: string): Promise<void> {
  const target = row(page, text);
  await target.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await target.getAttribute('aria-expanded')) !== 'true') await target.click();
}

it('adds a connection by URL through the UI, browses namespaces and deletes a key with confirmation', async () => {
  const page = workbench.page;
  try {
    await eventually(async () => {
      try {
        await runCommand(page, 'Redis: Add Connection');
        return true;
      } catch {
        await page.keyboard.press('Escape');
        return false;
      }
    }, 'the Add Connection command', 90_000);
    await row(page, 'Paste a URL').click();
    const input = page.locator('.quick-input-widget input');
    await input.fill(redis.url);
    await page.keyboard.press('Enter');
    await row(page, 'Save').waitFor({ state: 'visible', timeout: 15_000 });
    await row(page, 'Save').click();

    const connection = row(page, `127.0.0.1:${redis.port}`);
    await eventually(async () => /Redis 7\.\d+\.\d+/.test((await connection.textContent()) ?? ''), 'the server version on the connection', 30_000);
    await expand(page, `127.0.0.1:${redis.port}`);
    await expand(page, 'db0');
    await expand(page, 'app');
    await row(page, 'user').waitFor({ state: 'visible', timeout: 15_000 });
    await row(page, 'cache').waitFor({ state: 'visible' });
    await expand(page, 'temp');
    const key = row(page, 'delete-me');
    await key.waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.screenshot('connections-tree');

    const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Delete' }).first();
    await untilVisible(async () => {
      const menuItem = page.locator('.monaco-menu .action-label', { hasText: 'Delete Key' }).first();
      if (!(await menuItem.isVisible())) await key.click({ button: 'right' });
      await menuItem.hover();
      await menuItem.click();
    }, confirm, 'the delete confirmation');
    expect(await client.exists('temp:delete-me')).toBe(1);
    await confirm.click();
    await eventually(async () => (await client.exists('temp:delete-me')) === 0, 'the key to be deleted on the server');
    await eventually(async () => !(await key.isVisible()), 'the key row to disappear');
    expect(await client.exists('app:user:1')).toBe(1);
    await workbench.screenshot('connections-deleted');
  } catch (error) {
    await workbench.screenshot('connections-failure');
    throw error;
  }
}, 180_000);
