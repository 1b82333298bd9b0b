/**
 * UI smoke test in the real VS Code: the sample workspace shows the keys-command diagnostic in the Problems panel,
 * a Redis command runs from the palette, and the Redis container shows the Connections tree and the Instance
 * webview. Screenshots of each step go to test/e2e/artifacts/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openFile, openRedisContainer, openWorkbench, problems, runCommand, webviewFrame, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

let redis: Standalone;
let server: CodeServer;
let workbench: Workbench;

beforeAll(async () => {
  redis = await startStandalone();
  server = await startCodeServer({
    settings: { 'redisReview.connections': [{ name: 'Smoke', url: redis.url }] },
  });
  workbench = await openWorkbench(server, { folder: copyWorkspace('examples') });
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  await redis?.stop();
});

it('shows the keys-command diagnostic for a KEYS call in the Problems panel', async () => {
  const { page } = workbench;
  await openFile(page, 'python-api/sessions.py');
  const rows = await eventually(async () => {
    const texts = await problems(page);
    return texts.some((t) => t.includes('keys-command')) ? texts : undefined;
  }, 'a keys-command entry in the Problems panel', 60_000);
  await workbench.screenshot('smoke-problems');
  expect(rows.find((t) => t.includes('keys-command'))).toMatch(/KEYS/);
  // dict.keys() in the same file is not Redis and must not be reported.
  expect(rows.filter((t) => t.includes('keys-command'))).toHaveLength(1);
});

it('runs a Redis command from the command palette', async () => {
  const { page } = workbench;
  await runCommand(page, 'Redis: Refresh Connections');
  await openRedisContainer(page);
  const row = page.locator('.monaco-list-row', { hasText: 'Smoke' }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await workbench.screenshot('smoke-connections');
  expect(await row.innerText()).toContain('Smoke');
});

it('renders the Instance webview in the Redis container', async () => {
  const { page } = workbench;
  await openRedisContainer(page);
  const header = page.locator('.pane-header', { hasText: 'Instance' }).first();
  await header.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  const frame = await webviewFrame(page, 'body *', 60_000);
  const text = await eventually(async () => {
    const body = (await frame.locator('body').innerText()).trim();
    return body.length > 0 ? body : undefined;
  }, 'text in the Instance webview');
  await workbench.screenshot('smoke-instance');
  expect(text.length).toBeGreaterThan(0);
});
