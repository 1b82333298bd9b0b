/**
 * Review of a Go file in the real VS Code: the go-redis KEYS squiggle and its Problems entry, the quick fix that
 * replaces KEYS with a SCAN helper applied from the lightbulb menu, and the command card on hover.
 * Screenshots of each step go to test/e2e/artifacts/.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { editorLineText, eventually, goToLine, openWorkbench, problems, untilVisible, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

let server: CodeServer;
let workbench: Workbench;

beforeAll(async () => {
  server = await startCodeServer({ settings: { 'editor.hover.delay': 100, 'workbench.editor.enablePreview': false } });
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/workspace-go') });
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
});


/** Opens sessions/sessions.go from the Explorer (expanding its folder), the way a user clicks it. */
async function openSessions(page: Page): Promise<void> {
  const tab = page.locator('.tab[aria-label^="sessions.go"]').first();
  if (await tab.isVisible()) return tab.click();
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  const file = rows.filter({ hasText: 'sessions.go' }).first();
  await untilVisible(() => rows.filter({ hasText: /^sessions$/ }).first().click(), file, 'sessions.go in the Explorer');
  await file.click();
  await tab.waitFor({ timeout: 15_000 });
}


it('shows a squiggle and a Problems entry for go-redis Keys', async () => {
  const { page } = workbench;
  await openSessions(page);
  await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });
  const rows = await eventually(async () => {
    const texts = await problems(page);
    return texts.some((t) => t.includes('keys-command')) ? texts : undefined;
  }, 'a keys-command entry in the Problems panel', 30_000);
  await workbench.screenshot('review-go-squiggle-problems');
  const keysRows = rows.filter((t) => t.includes('keys-command'));
  expect(keysRows).toHaveLength(1);
  expect(keysRows[0]).toContain('KEYS "session:*" scans every key');
  expect(keysRows[0]).toContain('rdb.Scan(ctx, cursor, "session:*", 500).Iterator()');
});

it('applies the SCAN quick fix from the lightbulb menu and the code changes on screen', async () => {
  const { page } = workbench;
  expect(await editorLineText(page, 'rdb.Keys(ctx, "session:*")')).toBeDefined();
  const menu = page.locator('.action-widget:visible').first();
  await untilVisible(async () => {
    await goToLine(page, 12, 14);
    await page.keyboard.press('Control+.');
  }, menu, 'the quick fix menu');
  await workbench.screenshot('review-go-quickfix-menu');
  const titles = await menu.locator('.monaco-list-row').allInnerTexts();
  expect(titles.some((t) => t.includes('Disable keys-command for this line'))).toBe(true);
  await menu.locator('.monaco-list-row', { hasText: 'Replace KEYS with a SCAN loop' }).first().click();
  const fixed = await eventually(() => editorLineText(page, 'scanKeys(ctx, rdb'), 'the fixed line on screen', 15_000);
  await workbench.screenshot('review-go-quickfix-applied');
  expect(fixed.trim()).toBe('return scanKeys(ctx, rdb, "session:*")');
  // The finding is gone once the document is re-analysed.
  await eventually(async () => ((await problems(page)).some((t) => t.includes('keys-command')) ? undefined : true), 'the keys-command entry gone', 30_000);
});

it('shows the command card on hover over a go-redis method', async () => {
  const { page } = workbench;
  const hover = page.locator('.monaco-hover:visible', { hasText: 'Time complexity' }).first();
  // The hover reads the document's latest review: retried until the review of the edited text is in.
  await untilVisible(async () => {
    await goToLine(page, 16, 17);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
  }, hover, 'the command card on hover');
  await workbench.screenshot('review-go-hover-card');
  const text = await hover.innerText();
  expect(text).toContain('HGETALL');
  expect(text).toContain('O(N) where N is the size of the hash.');
  await page.keyboard.press('Escape');
});
