/**
 * Review in the editor, as a user sees it in the real VS Code: the KEYS squiggle and its Problems entry, the
 * lightbulb quick fix changing the code on screen, the command card on hover, and the status bar count.
 * Screenshots of each step go to test/e2e/artifacts/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { editorLineText, eventually, goToLine, openFile, openWorkbench, problems, untilVisible, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

let server: CodeServer;
let workbench: Workbench;

beforeAll(async () => {
  server = await startCodeServer({ settings: { 'editor.hover.delay': 100, 'workbench.editor.enablePreview': false } });
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/workspace') });
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
});



it('shows a squiggle and a Problems entry for a KEYS call', async () => {
  const { page } = workbench;
  await openFile(page, 'python/sessions.py');
  await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });
  const rows = await eventually(async () => {
    const texts = await problems(page);
    return texts.some((t) => t.includes('keys-command')) ? texts : undefined;
  }, 'a keys-command entry in the Problems panel', 30_000);
  await workbench.screenshot('review-squiggle-problems');
  const keysRows = rows.filter((t) => t.includes('keys-command'));
  expect(keysRows).toHaveLength(1);
  expect(keysRows[0]).toContain("KEYS 'session:*' scans every key");
  expect(keysRows[0]).toContain('Redis Review');
});

it('opens the rule documentation, rendered, from the code link in the Problems panel', async () => {
  const { page } = workbench;
  await problems(page);
  await page.locator('.markers-panel .monaco-tl-contents a', { hasText: 'keys-command' }).first().click();
  const tab = page.locator('.tabs-container .tab', { hasText: 'keys-command' }).first();
  await tab.waitFor({ state: 'visible', timeout: 15_000 });
  const headings = await eventually(async () => {
    for (const frame of page.frames()) {
      const texts = await frame.locator('h1, h2').allInnerTexts().catch(() => [] as string[]);
      if (texts.some((t) => t.includes('Why is this bad?'))) return texts;
    }
    return undefined;
  }, 'the rendered rule page').catch(async (error: unknown) => {
    await workbench.screenshot('review-rule-docs-failure');
    throw error;
  });
  await workbench.screenshot('review-rule-docs');
  expect(headings[0]).toMatch(/^keys-command \(RR\d+\)$/);
  expect(await tab.getAttribute('aria-label')).toMatch(/Preview/);
  await page.keyboard.press('Control+W');
  await openFile(page, 'python/sessions.py');
});

it('shows the number of Redis findings in the status bar and lists them on click', async () => {
  const { page } = workbench;
  const item = page.locator('.statusbar-item', { hasText: /Redis \d+/ }).first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  expect(await item.innerText()).toMatch(/Redis [1-9]\d*/);
  await item.click();
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'keys-command' }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  const texts = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
  await workbench.screenshot('review-status-findings');
  expect(texts.some((t) => t.includes('keys-command') && t.includes('python/sessions.py:10:14'))).toBe(true);
  await page.keyboard.press('Escape');
});

it('applies the quick fix from the lightbulb menu and the code changes on screen', async () => {
  const { page } = workbench;
  expect(await editorLineText(page, 'r.keys("session:*")')).toBeDefined();
  const menu = page.locator('.action-widget:visible').first();
  await untilVisible(async () => {
    await goToLine(page, 10, 16);
    await page.keyboard.press('Control+.');
  }, menu, 'the quick fix menu');
  await workbench.screenshot('review-quickfix-menu');
  const titles = await menu.locator('.monaco-list-row').allInnerTexts();
  expect(titles.some((t) => t.includes('Disable keys-command for this line'))).toBe(true);
  expect(titles.some((t) => t.includes('Show documentation for keys-command'))).toBe(true);
  await menu.locator('.monaco-list-row', { hasText: 'Iterate with SCAN' }).first().click();
  const fixed = await eventually(() => editorLineText(page, 'scan_iter'), 'the fixed line on screen', 15_000);
  await workbench.screenshot('review-quickfix-applied');
  expect(fixed.trim()).toBe('return list(r.scan_iter(match="session:*"))');
});

it('shows the command card on hover', async () => {
  const { page } = workbench;
  await goToLine(page, 19, 17);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:visible', { hasText: 'Time complexity' }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  await workbench.screenshot('review-hover-card');
  const text = await hover.innerText();
  expect(text).toContain('HGETALL');
  expect(text).toContain('O(N) where N is the size of the hash.');
  expect(text).toContain('@read');
  expect(text).toContain('Redis 7.0.15, Redis 7.4.1 and Valkey 8.0.1');
  expect(text).toContain('Available: Redis 2.0+ · Valkey 8.0');
});
