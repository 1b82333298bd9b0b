/**
 * Memory analysis in the real VS Code (code-server) against a real seeded Redis: the Analysis tab runs an
 * analysis, shows the totals, treemap and recommendations, and a namespace's code link opens the write site;
 * the write site carries a diagnostic with the live numbers. Screenshots go to test/e2e/artifacts/analysis-*.png.
 */
import Redis from 'ioredis';
import type { Frame } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedKnownDataset, KNOWN_DATASET_KEYS } from '../../integration/analysis/knownDataset';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openInstancePanel, openRedisContainer, openWorkbench, problems, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

let redis: Standalone;
let client: Redis;
let server: CodeServer;
let workbench: Workbench;
let frame: Frame;

beforeAll(async () => {
  redis = await startStandalone();
  client = new Redis(redis.port, '127.0.0.1');
  await seedKnownDataset(client);
  server = await startCodeServer({ settings: { 'redisReview.connections': [{ name: 'Seeded', url: redis.url }], 'workbench.editor.enablePreview': false } });
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/linkage') });
  await openRedisContainer(workbench.page);
  frame = await openInstancePanel(workbench.page, 'analysis');
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await workbench?.screenshot(`analysis-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  client?.disconnect();
  await redis?.stop();
});

describe('Analysis tab in VS Code', () => {
  it('analyses the seeded server and shows totals, treemap and recommendations', async () => {
    await frame.click('[data-tab="analysis"]');
    await frame.click('[data-action="run-analysis"]');
    const keys = await eventually(async () => (await frame.locator('[data-stat="analysis-keys"]').textContent({ timeout: 500 }))?.trim(), 'the analysis totals', 90_000);
    expect(keys).toBe(KNOWN_DATASET_KEYS.toLocaleString('en-US'));
    expect(await frame.locator('.treemap-cell[data-namespace="user:*"]').count()).toBe(1);
    expect(await frame.locator('[data-recommendation="nopass-user"]').count()).toBe(1);
    await workbench.screenshot('analysis-tab');
  });

  it('clicks through from a namespace to the line of code that writes it, which carries the live numbers', async () => {
    await frame.locator('[data-code-link="app/sessions.py:8"]').first().click();
    const page = workbench.page;
    await eventually(async () => (await page.locator('.tabs-container .tab.active').first().textContent())?.includes('sessions.py'), 'sessions.py to open');
    await eventually(async () => (await page.locator('.statusbar').textContent())?.includes('Ln 8'), 'the cursor on line 8');
    const texts = await eventually(async () => {
      const all = await problems(page);
      return all.some((t) => t.includes('session:*')) ? all : undefined;
    }, 'the memory diagnostic in Problems');
    expect(texts.join('\n')).toMatch(/session:\* on Seeded: 30 keys/);
    await workbench.screenshot('analysis-code-link');
  });
});
