/**
 * Review of a Java file in the real VS Code: the Spring Data Redis KEYS squiggle and its Problems entry, the quick
 * fix that replaces RedisTemplate.keys with a SCAN cursor applied from the lightbulb menu, and the command card on
 * hover over an opsForHash() call.
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
  workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/workspace-java') });
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
});



it('shows a squiggle and a Problems entry for RedisTemplate.keys', async () => {
  const { page } = workbench;
  await openFile(page, 'Sessions.java');
  await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 60_000 });
  const rows = await eventually(async () => {
    const texts = await problems(page);
    return texts.some((t) => t.includes('keys-command')) ? texts : undefined;
  }, 'a keys-command entry in the Problems panel', 30_000);
  await workbench.screenshot('review-java-squiggle-problems');
  const keysRows = rows.filter((t) => t.includes('keys-command'));
  expect(keysRows).toHaveLength(1);
  expect(keysRows[0]).toContain('runs KEYS "session:*", which scans every key');
  expect(keysRows[0]).toContain('redisTemplate.scan(ScanOptions.scanOptions().match("session:*")');
});

it('applies the SCAN quick fix from the lightbulb menu and the code changes on screen', async () => {
  const { page } = workbench;
  expect(await editorLineText(page, 'redisTemplate.keys("session:*")')).toBeDefined();
  const menu = page.locator('.action-widget:visible').first();
  await untilVisible(async () => {
    await goToLine(page, 15, 30);
    await page.keyboard.press('Control+.');
  }, menu, 'the quick fix menu');
  await workbench.screenshot('review-java-quickfix-menu');
  const titles = await menu.locator('.monaco-list-row').allInnerTexts();
  expect(titles.some((t) => t.includes('Disable keys-command for this line'))).toBe(true);
  await menu.locator('.monaco-list-row', { hasText: 'Replace KEYS with a SCAN cursor' }).first().click();
  const fixed = await eventually(() => editorLineText(page, 'redisTemplate.scan('), 'the fixed line on screen', 15_000);
  await workbench.screenshot('review-java-quickfix-applied');
  expect(fixed.trim()).toBe('return redisTemplate.scan(ScanOptions.scanOptions().match("session:*").count(500).build()).stream().collect(Collectors.toSet());');
  expect(await editorLineText(page, 'import org.springframework.data.redis.core.ScanOptions;')).toBeDefined();
  // The finding is gone once the document is re-analysed.
  await eventually(async () => ((await problems(page)).some((t) => t.includes('keys-command')) ? undefined : true), 'the keys-command entry gone', 30_000);
});

it('shows the command card on hover over a Spring Data Redis operation', async () => {
  const { page } = workbench;
  const hover = page.locator('.monaco-hover:visible', { hasText: 'Time complexity' }).first();
  // Two imports were added by the fix: entries(...) is now on line 21. The hover reads the latest review.
  await untilVisible(async () => {
    await goToLine(page, 21, 46);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
  }, hover, 'the command card on hover');
  await workbench.screenshot('review-java-hover-card');
  const text = await hover.innerText();
  expect(text).toContain('HGETALL');
  expect(text).toContain('O(N) where N is the size of the hash.');
  await page.keyboard.press('Escape');
});
