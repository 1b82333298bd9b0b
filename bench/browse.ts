/**
 * Key browser benchmark, through a real browser. On a standalone server with 10,000,000 keys (DEBUG POPULATE):
 *  - time from opening the Keys tab to the first 1,000 keys rendered (target ≤ 300 ms), next to the raw SCAN time
 *    for 1,000 keys with redis-cli on the same server (the peer);
 *  - the webview's JS heap with ~1,100,000 keys loaded (target ≤ 150 MB), next to the raw size of those key names;
 *  - large values: a 50 MB string and a 1,000,000-field hash open while the page and the host stay responsive
 *    (longest main-thread task in the webview, worst event-loop delay in the host process).
 * The webview runs in Chromium with the production bundle, the strict CSP and the real host controller
 * (bench/browseHarness.ts), then the same figures in the real VS Code (code-server, bench/browseVsCode.ts).
 * Run: npm run build && npx tsx bench/browse.ts [--keys 10000000] [--runs 3] [--skip-vscode]
 */
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { REDIS_CLI, startStandalone } from '../test/helpers/redisServers';
import { openHarness, type WebviewHarness } from './browseHarness';
import { measureInVsCode } from './browseVsCode';

const { values } = parseArgs({ options: { keys: { type: 'string', default: '10000000' }, runs: { type: 'string', default: '3' }, 'skip-vscode': { type: 'boolean', default: false } } });
const KEY_COUNT = Number(values.keys);
const RUNS = Number(values.runs);
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

async function firstThousand(harness: WebviewHarness): Promise<{ inPage: number; wall: number }> {
  const started = Date.now();
  await harness.page.goto('http://webview.test/');
  await harness.page.waitForFunction(() => Number(document.body.dataset.firstKeysCount ?? 0) >= 1000 && document.querySelectorAll('[data-table="keys"] .vt-row:not([hidden])').length > 10, undefined, { timeout: 60_000 });
  const wall = Date.now() - started;
  const inPage = Number(await harness.page.evaluate(() => document.body.dataset.firstKeysMs));
  return { inPage, wall };
}

function redisCliFirstThousand(port: number): number {
  const started = process.hrtime.bigint();
  // The peer: the same SCAN COUNT 1000 the browser issues, straight from redis-cli.
  spawnSync(REDIS_CLI, ['-p', String(port), 'SCAN', '0', 'COUNT', '1000'], { encoding: 'utf8' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function heapWithManyKeys(harness: WebviewHarness, pattern: string): Promise<{ rows: number; heapMb: number; scanSeconds: number; scrollFrameMs: number }> {
  const { page } = harness;
  await page.goto('http://webview.test/');
  await page.waitForFunction(() => Number(document.body.dataset.firstKeysCount ?? 0) > 0, undefined, { timeout: 60_000 });
  await page.fill('[data-field="pattern"]', pattern);
  await page.click('[data-action="scan"]');
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-field="progress"]')?.dataset.found !== undefined);
  const started = Date.now();
  await page.click('[data-action="scan-all"]');
  await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-field="progress"]')?.dataset.done === 'true', undefined, { timeout: 600_000, polling: 1000 });
  const scanSeconds = (Date.now() - started) / 1000;
  const rows = Number(await page.evaluate(() => document.querySelector<HTMLElement>('[data-field="progress"]')?.dataset.found));
  // Scroll through the million rows (middle, end) and time the frame after each jump.
  const scrollFrameMs = await page.evaluate(async () => {
    const viewport = document.querySelector<HTMLElement>('[data-table="keys"] .vt-viewport')!;
    const times: number[] = [];
    for (const fraction of [0.5, 0.999, 0.25]) {
      const t0 = performance.now();
      viewport.scrollTop = viewport.scrollHeight * fraction;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      times.push(performance.now() - t0);
    }
    return Math.max(...times);
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return { rows, heapMb: usage.usedSize / 1024 / 1024, scanSeconds, scrollFrameMs };
}

async function openLargeValue(harness: WebviewHarness, key: string, ready: string): Promise<{ openMs: number; longestTaskMs: number; hostDelayMs: number; clickMs: number }> {
  const { page } = harness;
  await page.goto('http://webview.test/');
  await page.waitForFunction(() => Number(document.body.dataset.firstKeysCount ?? 0) > 0, undefined, { timeout: 60_000 });
  await page.evaluate(() => {
    (window as unknown as { longest: number }).longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as unknown as { longest: number }).longest = Math.max((window as unknown as { longest: number }).longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await page.fill('[data-field="pattern"]', key);
  await page.click('[data-action="scan"]');
  const row = page.locator('[data-table="keys"] .vt-row:not([hidden])', { hasText: key }).first();
  await row.waitFor({ timeout: 60_000 });
  const started = Date.now();
  await row.click();
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const openMs = Date.now() - started;
  // Interactive right after: switching tabs answers promptly.
  const clickStarted = Date.now();
  await page.click('[data-tab="stats"]');
  await page.locator('[data-stat="keys"][data-raw]').first().waitFor({ timeout: 10_000 });
  const clickMs = Date.now() - clickStarted;
  histogram.disable();
  const longestTaskMs = Number(await page.evaluate(() => (window as unknown as { longest: number }).longest));
  return { openMs, longestTaskMs, hostDelayMs: histogram.max / 1e6, clickMs };
}

async function main(): Promise<void> {
  const server = await startStandalone();
  const harness = await openHarness({ port: server.port });
  try {
    // Large values first, on a small keyspace where the browser finds them in its first scan step.
    await harness.client.set('big:string', Buffer.alloc(50 * 1024 * 1024, 0x61));
    for (let chunk = 0; chunk < 1000; chunk++) {
      const args: string[] = [];
      for (let field = 0; field < 1000; field++) args.push(`field:${chunk * 1000 + field}`, `value:${field}`);
      await harness.client.hset('big:hash', ...args);
    }
    const bigString = await openLargeValue(harness, 'big:string', '[data-field="truncated"]');
    console.log(`50 MB string: viewer shown in ${bigString.openMs} ms; longest webview task ${bigString.longestTaskMs.toFixed(0)} ms; worst host event-loop delay ${bigString.hostDelayMs.toFixed(0)} ms; next tab switch answered in ${bigString.clickMs} ms`);
    const bigHash = await openLargeValue(harness, 'big:hash', '[data-table="value"] .vt-row:not([hidden])');
    console.log(`1,000,000-field hash: first page shown in ${bigHash.openMs} ms; longest webview task ${bigHash.longestTaskMs.toFixed(0)} ms; worst host event-loop delay ${bigHash.hostDelayMs.toFixed(0)} ms; next tab switch answered in ${bigHash.clickMs} ms`);
    await harness.client.unlink('big:string', 'big:hash');
    const populateStarted = Date.now();
    await harness.client.call('DEBUG', 'POPULATE', String(KEY_COUNT), 'key');
    console.log(`populated ${KEY_COUNT.toLocaleString()} keys in ${((Date.now() - populateStarted) / 1000).toFixed(1)} s`);

    const inPage: number[] = [];
    const wall: number[] = [];
    const peer: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await firstThousand(harness);
      inPage.push(result.inPage);
      wall.push(result.wall);
      peer.push(redisCliFirstThousand(server.port));
    }
    console.log(`first 1,000 keys rendered: median ${median(inPage)} ms from opening the Keys tab (runs: ${inPage.join(', ')}); page load + render ${median(wall)} ms; target ≤ 300 ms`);
    console.log(`peer: redis-cli SCAN COUNT 1000 (process start included) median ${median(peer).toFixed(1)} ms → browser/peer ${(median(inPage) / median(peer)).toFixed(2)}x`);

    // key:1* matches 1 + 10 + ... + 1,000,000 = 1,111,111 of the 10M keys.
    const pattern = KEY_COUNT >= 10_000_000 ? 'key:1*' : '*';
    const heap = await heapWithManyKeys(harness, pattern);
    const rawNamesMb = (heap.rows * 11) / 1024 / 1024;
    console.log(`${heap.rows.toLocaleString()} keys loaded (scan all, pattern ${pattern}) in ${heap.scanSeconds.toFixed(1)} s; webview JS heap ${heap.heapMb.toFixed(1)} MB (target ≤ 150 MB); raw key names ~${rawNamesMb.toFixed(1)} MB → ${(heap.heapMb / rawNamesMb).toFixed(1)}x; worst scroll jump ${heap.scrollFrameMs.toFixed(1)} ms`);

    if (!values['skip-vscode']) {
      console.log('--- in the real VS Code (code-server + Chromium, the UI test harness) ---');
      await measureInVsCode(server.url, KEY_COUNT >= 10_000_000 ? 'key:1*' : '*', RUNS);
    }
  } finally {
    await harness.close();
    await server.stop();
  }
}

void main();
