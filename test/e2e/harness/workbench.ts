/**
 * Drives the real VS Code workbench in Debian's Chromium with playwright-core: open a folder with the extension
 * under development, run commands from the palette, read the Problems panel, take screenshots.
 */
import { mkdirSync } from 'node:fs';
import { format } from 'node:util';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { ARTIFACTS_DIR, CHROMIUM, REPO_ROOT } from './tools';

export interface OpenOptions {
  /** Absolute folder to open as the workspace. */
  folder: string;
  /** Load the extension from this folder as under development (default: the repo). Null: rely on installed extensions. */
  extensionDevelopmentPath?: string | null;
  /** Absolute path of a compiled extension-host test entry (module exporting run()). */
  extensionTestsPath?: string;
  /** Receives the extension host's console while tests run. */
  onHostLog?: (line: string) => void;
}

export interface Workbench {
  browser: Browser;
  page: Page;
  /** Resolves with the exit code when extension-host tests finish (only with extensionTestsPath). */
  testsExit: Promise<number>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export function workbenchUrl(server: CodeServer, options: OpenOptions): string {
  const payload: string[][] = [];
  const devPath = options.extensionDevelopmentPath === undefined ? REPO_ROOT : options.extensionDevelopmentPath;
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const query = new URLSearchParams({ folder: options.folder });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${server.baseUrl}/?${query.toString()}`;
}

export async function openWorkbench(server: CodeServer, options: OpenOptions): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let resolveExit: (code: number) => void = () => undefined;
  const testsExit = new Promise<number>((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    // The host forwards console calls with their format arguments (mocha's reporter uses "%s").
    const line = format(...(Array.isArray(args) ? args : [args]));
    options.onHostLog?.(type === 'error' ? `[host:error] ${line}` : line);
  });
  // A cold code-server on a busy two-core machine can take well over the default 30 s to serve the workbench.
  await page.goto(workbenchUrl(server, options), { timeout: 120_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const screenshot = async (name: string) => {
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    const path = join(ARTIFACTS_DIR, `${name}.png`);
    await page.screenshot({ path });
    return path;
  };
  return { browser, page, testsExit, screenshot, close: () => browser.close() };
}

/** Run a command by its palette title (e.g. "Redis: Add Connection"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await untilVisible(() => page.keyboard.press('F1'), input, 'the command palette');
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** Open a workspace file through Quick Open (Ctrl+P), which works whatever the Explorer shows. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // A key press can land in a webview (a preview that just closed) instead of the workbench: press again.
  await untilVisible(() => page.keyboard.press('Control+P'), input, 'Quick Open');
  await input.fill(relativePath);
  const name = relativePath.split('/').pop()!;
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  // The file search can take tens of seconds on a busy machine; the wait only lasts as long as it needs.
  await row.waitFor({ state: 'visible', timeout: 60_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab[aria-label^="${name}"], .tab:has-text("${name}")`).first().waitFor({ timeout: 60_000 });
}

/** Moves the cursor with "Go to Line/Column" (Ctrl+G), 1-based like the status bar. */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.locator('.editor-instance .monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input:visible').first();
  await input.waitFor({ state: 'visible' });
  // Ctrl+G opens Quick Open with the ":" (go to line) prefix; filling replaces it, so type it again.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** The text of the first editor line on screen containing `containing` (non-breaking spaces normalised). */
export async function editorLineText(page: Page, containing: string): Promise<string | undefined> {
  const lines = await page.locator('.editor-instance .monaco-editor .view-line').allInnerTexts();
  return lines.map((line) => line.replace(/\u00a0/g, ' ')).find((line) => line.includes(containing));
}

/** Open the Problems panel and return the text of its rows. */
export async function problems(page: Page): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: 15_000 });
  return page.locator('.markers-panel .monaco-tl-contents').allInnerTexts();
}

/** Poll until fn returns a truthy value (or time out with the message). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** The frame of a webview whose document contains the selector (webviews live in nested iframes). */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  return eventually(async () => {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    return undefined;
  }, `a webview containing ${selector}`, timeoutMs);
}

/** Open the "Redis" activity-bar container. */
export async function openRedisContainer(page: Page): Promise<void> {
  const item = page.locator('.activitybar [aria-label^="Redis"]').first();
  await item.waitFor({ state: 'visible', timeout: 30_000 });
  // Clicking the icon of the container that is already open would close the side bar.
  const open = await item.evaluate((element) => {
    const entry = element.closest('.action-item') ?? element;
    return entry.classList.contains('checked') || entry.getAttribute('aria-selected') === 'true' || element.getAttribute('aria-selected') === 'true';
  });
  if (!open) await item.click();
}

/**
 * Repeat an action until the target shows: a key press or menu click sent while the workbench is busy (CI on two
 * cores) is sometimes dropped, and a person would simply try again.
 */
export async function untilVisible(action: () => Promise<void>, target: Locator, what: string, attempts = 3, eachMs = 7000): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await action();
    try {
      await target.waitFor({ state: 'visible', timeout: eachMs });
      return;
    } catch (error) {
      if (attempt >= attempts) throw new Error(`${what} did not appear after ${attempts} attempts: ${String(error)}`);
    }
  }
}

/** Run "Redis: Open Instance Browser", retrying until the palette lists it (its contributions register after start-up). */
export async function runOpenInstanceBrowser(page: Page): Promise<void> {
  await eventually(async () => {
    try {
      await runCommand(page, 'Redis: Open Instance Browser');
      return true;
    } catch {
      await page.keyboard.press('Escape');
      return false;
    }
  }, 'the Open Instance Browser command', 90_000);
}

/**
 * Run "Redis: Open Instance Browser" (retried: the palette can be swallowed while the workbench is busy) and return
 * the frame of the editor-area instance panel once it shows the given tab.
 */
export async function openInstancePanel(page: Page, tab = 'keys'): Promise<Frame> {
  await runOpenInstanceBrowser(page);
  return eventually(async () => {
    for (const candidate of page.frames()) {
      if (await candidate.$(`body[data-surface="panel"] [data-tab="${tab}"]`).catch(() => null)) return candidate;
    }
    return undefined;
  }, `the instance panel with a ${tab} tab`, 60_000);
}
