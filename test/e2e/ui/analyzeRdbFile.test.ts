/**
 * "Redis: Analyze RDB File…" in the real VS Code (code-server) with a connected redis-server: after the file is
 * picked, the allocator quantum is asked for, the one the connected server reports (MEMORY MALLOC-STATS) offered
 * first and named; the Markdown report then states the quantum its sizes were modelled with.
 * Screenshot: test/e2e/artifacts/analyze-rdb-file-quantum.png.
 */
import Redis from 'ioredis';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { quantumFromMallocStats } from '../../../src/core/rdb/allocator';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openInstancePanel, openRedisContainer, openWorkbench, runCommand, type Workbench } from '../harness/workbench';
import { REPO_ROOT } from '../harness/tools';
import { copyWorkspace } from '../harness/workspace';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'rdb', 'redis-7.0-every-encoding.rdb');

let redis: Standalone;
let reported: number;
let server: CodeServer;
let workbench: Workbench;

beforeAll(async () => {
  redis = await startStandalone();
  const client = new Redis(redis.port, '127.0.0.1');
  reported = quantumFromMallocStats(String(await client.call('MEMORY', 'MALLOC-STATS')))!;
  client.disconnect();
  server = await startCodeServer({ settings: { 'redisReview.connections': [{ name: 'Source', url: redis.url }] } });
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/linkage') });
  await openRedisContainer(workbench.page);
  // Opening the browser connects the profile, so there is a server to ask.
  await openInstancePanel(workbench.page, 'keys');
}, 300_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await workbench?.screenshot(`analyze-rdb-file-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  await redis?.stop();
});

describe('Analyze RDB File…', () => {
  it('asks for the allocator quantum, offering the connected server\'s first, and models sizes with the answer', async () => {
    expect([8, 16]).toContain(reported);
    const page = workbench.page;
    await eventually(async () => {
      try {
        await runCommand(page, 'Redis: Analyze RDB File…');
        return true;
      } catch {
        await page.keyboard.press('Escape');
        return false;
      }
    }, 'the Analyze RDB File command', 90_000);
    // code-server's open dialog is a quick input taking a path. It fills in the workspace folder once it has
    // listed it (replacing what was typed before), and a press while it lists can be lost: type the path again
    // until it stays, then press the dialog's own button until the next pick is up. Never Enter there, which
    // would accept the pick's first choice.
    const input = page.locator('.quick-input-widget input');
    const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: 'byte quantum' });
    const dialogButton = page.locator('.quick-input-widget .monaco-button', { hasText: /^Analyze$/ });
    await eventually(async () => {
      if ((await rows.count()) === 2) return true;
      if (!(await dialogButton.isVisible().catch(() => false))) return false;
      if ((await input.inputValue({ timeout: 1000 })) !== FIXTURE) {
        await input.fill(FIXTURE, { timeout: 2000 });
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return false;
      }
      await dialogButton.click({ timeout: 2000 }).catch(() => undefined);
      return false;
    }, 'the two allocator quantum choices', 90_000);
    expect(await page.locator('.quick-input-widget .quick-input-title').innerText()).toMatch(/Analyze redis-7\.0-every-encoding\.rdb/);
    const first = await rows.first().innerText();
    expect(first).toContain(`${reported}-byte quantum`);
    expect(first).toMatch(/reported by Source/);
    expect(await rows.nth(1).innerText()).toContain(`${reported === 8 ? 16 : 8}-byte quantum`);
    await workbench.screenshot('analyze-rdb-file-quantum');
    await page.keyboard.press('Enter');
    // Markdown wraps long lines on screen: read the visible lines as one text.
    const text = await eventually(async () => {
      const lines = await page.locator('.editor-instance .monaco-editor .view-line').allInnerTexts();
      const joined = lines.join(' ').replace(/\s+/g, ' ');
      return joined.includes('Read from the RDB file') && /quantum\)/.test(joined) ? joined : undefined;
    }, 'the Markdown report', 120_000);
    expect(text).toContain(`jemalloc size classes, ${reported}-byte quantum`);
  }, 300_000);
});
