/**
 * The instance webview in plain Chromium, wired to the real host controller and a real Redis server — without
 * VS Code. The page gets the same strict CSP as in VS Code (scripts by nonce only, connect-src 'none'), a shim
 * for acquireVsCodeApi, and the host side is src/extension/instance/webviewController.ts over a real client.
 * Used by bench/browse.ts as a second measurement next to the code-server one, and for quick UI debugging.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { ConnectedSession, ConnectionsApi } from '../src/extension/connections/api';
import { WebviewController } from '../src/extension/instance/webviewController';
import { webviewDocument } from '../src/extension/instance/htmlDocument';
import type { HostUi } from '../src/extension/instance/methodHandlers';

const ROOT = join(__dirname, '..');
const ORIGIN = 'http://webview.test';

export interface HarnessOptions {
  port: number;
  readOnly?: boolean;
  surface?: 'panel' | 'sidebar';
  /** Answer for every confirmation dialog. */
  confirm?: boolean;
  viewport?: { width: number; height: number };
}

export interface WebviewHarness {
  browser: Browser;
  page: Page;
  frame: Frame;
  client: Redis;
  /** Messages the host rejected or answered with an error. */
  close(): Promise<void>;
}

/** A few dark-theme variables so screenshots look like VS Code's Dark Modern. */
const THEME = `body{--vscode-foreground:#cccccc;--vscode-editor-background:#1f1f1f;--vscode-sideBar-background:#181818;--vscode-font-family:system-ui,sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-editor-font-size:12px;--vscode-button-background:#0078d4;--vscode-button-foreground:#fff;--vscode-button-secondaryBackground:#313131;--vscode-button-secondaryForeground:#ccc;--vscode-input-background:#313131;--vscode-input-foreground:#ccc;--vscode-input-border:#3c3c3c;--vscode-dropdown-background:#313131;--vscode-dropdown-foreground:#ccc;--vscode-focusBorder:#0078d4;--vscode-list-activeSelectionBackground:#04395e;--vscode-list-activeSelectionForeground:#fff;--vscode-list-inactiveSelectionBackground:#37373d;--vscode-list-hoverBackground:#2a2d2e;--vscode-panel-border:#2b2b2b;--vscode-descriptionForeground:#9d9d9d;--vscode-editorWidget-background:#202020;--vscode-textCodeBlock-background:#2b2b2b;--vscode-badge-background:#616161;--vscode-badge-foreground:#f8f8f8;--vscode-charts-blue:#3794ff;--vscode-charts-green:#89d185;--vscode-charts-orange:#d18616;--vscode-charts-purple:#b180d7;--vscode-charts-red:#f14c4c;--vscode-charts-yellow:#cca700;--vscode-errorForeground:#f85149;--vscode-panelTitle-activeBorder:#0078d4}`;

export async function openHarness(options: HarnessOptions): Promise<WebviewHarness> {
  const client = new Redis(options.port, '127.0.0.1');
  const session: ConnectedSession = {
    id: 'harness',
    name: 'harness',
    topology: 'standalone',
    readOnly: options.readOnly ?? false,
    state: 'connected',
    delimiters: [':'],
    client,
    serverVersion: String((await client.info('server')).match(/redis_version:(\S+)/)?.[1] ?? ''),
  };
  const connections: ConnectionsApi = {
    list: () => [session],
    session: () => session,
    connect: async () => session,
    activeId: () => session.id,
    onDidChange: () => ({ dispose() {} }),
  };
  const ui: HostUi = {
    confirmEdit: async () => options.confirm ?? true,
    confirmAction: async () => options.confirm ?? true,
    writeClipboard: async () => undefined,
    saveFile: async () => null,
  };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-precise-memory-info'] });
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1300, height: 850 } });
  let listener: ((message: unknown) => void) | undefined;
  await page.exposeFunction('__toHost', (message: unknown) => listener?.(message));
  // A string, not a function: the TypeScript runner would inject helpers the page does not have.
  await page.addInitScript(`(() => {
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.__toHost(message),
      getState: () => state,
      setState: (next) => { state = next; },
    });
  })();`);
  // The very document VS Code gets (same CSP), with the harness origin as cspSource.
  const html = webviewDocument({
    cspSource: ORIGIN,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: `${ORIGIN}/dist/webview.js`,
    styleUris: [`${ORIGIN}/theme.css`, `${ORIGIN}/media/codicons/codicon.css`, `${ORIGIN}/media/webview.css`],
    surface: options.surface ?? 'panel',
  });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: html });
    if (path === '/theme.css') return route.fulfill({ contentType: 'text/css', body: THEME });
    const type = path.endsWith('.js') ? 'application/javascript' : path.endsWith('.css') ? 'text/css' : path.endsWith('.ttf') ? 'font/ttf' : 'application/octet-stream';
    return route.fulfill({ contentType: type, body: readFileSync(join(ROOT, path)) });
  });
  const controller = new WebviewController({
    webview: {
      postMessage: async (message: unknown) => {
        await page.evaluate((data) => window.postMessage(data, '*'), message as never).catch(() => undefined);
        return true;
      },
      onDidReceiveMessage: ((callback: (message: unknown) => void) => {
        listener = callback;
        return { dispose() {} };
      }) as never,
    },
    surface: options.surface ?? 'panel',
    connections,
    connectionId: () => session.id,
    output: { warn: () => undefined } as never,
    ui,
  });
  await page.goto(`${ORIGIN}/`);
  return {
    browser,
    page,
    frame: page.mainFrame(),
    client,
    close: async () => {
      controller.dispose();
      await browser.close();
      client.disconnect();
    },
  };
}
