/**
 * `npm run demo` as a new user meets it (issue #16, items 1-5): scripts/demo.sh started with DEMO_EXIT_AFTER_START=1
 * leaves a live VS Code behind; its examples/ workspace shows only Redis Review's findings (VS Code's TypeScript
 * resolves express, ioredis and process); the Analysis tab names session:* with its counts and links to the line
 * that writes it; the binary key reads bin:\xff\xfe\x00\x01; Memory doctor reads as a summary plus the server's
 * own words. `demo.sh stop` stops it all. Screenshots go to test/e2e/artifacts/demo-*.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/redisServers';
import type { CodeServer } from '../harness/codeServer';
import { REPO_ROOT } from '../harness/tools';
import { eventually, openFile, openRedisContainer, openWorkbench, problems, runOpenInstanceBrowser, type Workbench } from '../harness/workbench';

const state = mkdtempSync(join(tmpdir(), 'redis-review-demo-test-'));
const stateFile = join(state, 'running.env');
let env: NodeJS.ProcessEnv;
let url: URL;
let workspace: string;
let workbench: Workbench;
let demoOutput = '';
/** True for a diagnostic row of the Problems panel ("… [Ln 9, Col 28]") that Redis Review did not report. */
const TYPESCRIPT_ROW = { test: (row: string) => /\[Ln \d+, Col \d+\]/.test(row) && !row.includes('Redis Review') };

async function alive(): Promise<boolean> {
  try {
    return (await fetch(new URL('/healthz', url))).ok;
  } catch {
    return false;
  }
}

/** Opens (or brings back to front) the instance browser and returns its editor panel's frame. */
async function instancePanel(page: Page): Promise<Frame> {
  await openRedisContainer(page);
  // The palette lists the extension's commands once its contributions are registered: retry until then.
  await runOpenInstanceBrowser(page);
  return eventually(async () => {
    for (const candidate of page.frames()) {
      if (await candidate.$('body[data-surface="panel"] [data-tab="analysis"]').catch(() => null)) return candidate;
    }
    return undefined;
  }, 'the instance panel', 60_000);
}

beforeAll(async () => {
  const [vscodePort, redisPort] = [await freePort(), await freePort()];
  env = { ...process.env, DEMO_EXIT_AFTER_START: '1', DEMO_PORT: String(vscodePort), DEMO_REDIS_PORT: String(redisPort), DEMO_STATE: stateFile };
  // Builds and packages first when dist/ or the .vsix are stale: minutes on a busy machine, seconds when warm.
  demoOutput = execFileSync('bash', [join(REPO_ROOT, 'scripts', 'demo.sh')], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 30 * 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  const printed = /running in VS Code at: (\S+)/.exec(demoOutput);
  if (!printed) throw new Error(`demo.sh printed no URL:\n${demoOutput}`);
  url = new URL(printed[1]);
  workspace = url.searchParams.get('folder')!;
  console.log(`demo.sh: ${/\(ready after \d+s\)/.exec(demoOutput)?.[0]}`);
  const server = { port: Number(url.port), baseUrl: url.origin } as CodeServer;
  workbench = await openWorkbench(server, { folder: workspace, extensionDevelopmentPath: null });
}, 35 * 60_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await workbench?.screenshot(`demo-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await workbench?.close();
  if (env) execFileSync('bash', [join(REPO_ROOT, 'scripts', 'demo.sh'), 'stop'], { cwd: REPO_ROOT, env, stdio: 'ignore' });
  rmSync(state, { recursive: true, force: true });
});

describe('the demo', () => {
  it('keeps running after DEMO_EXIT_AFTER_START=1 returned, and says what it did', async () => {
    expect(await alive()).toBe(true);
    expect(demoOutput).toMatch(/checking the build/);
    expect(demoOutput).toMatch(/The demo keeps running in the background\. Stop it with: bash scripts\/demo\.sh stop/);
  });

  it('shows only Redis Review findings for server.ts: VS Code\'s TypeScript resolves every import', async () => {
    const { page } = workbench;
    const file = join(workspace, 'node-api', 'server.ts');
    const original = readFileSync(file, 'utf8');
    // A deliberate type error proves TypeScript has checked the file: its diagnostics arrive in one batch.
    writeFileSync(file, `${original}\nconst probe: number = 'not a number';\n`);
    // Quick Open finds files once the workbench has indexed the folder: on a busy machine, try again.
    await eventually(async () => {
      try {
        await openFile(page, 'node-api/server.ts');
        return true;
      } catch {
        await page.keyboard.press('Escape');
        return false;
      }
    }, 'server.ts to open', 120_000);
    const rows = await eventually(async () => {
      const texts = await problems(page);
      return texts.some((t) => t.includes('probe') || t.includes("'string' is not assignable")) && texts.some((t) => t.includes('keys-command')) ? texts : undefined;
    }, 'TypeScript and Redis Review diagnostics for server.ts', 120_000);
    const typescriptRows = rows.filter((t) => TYPESCRIPT_ROW.test(t));
    expect(typescriptRows).toHaveLength(1);
    expect(typescriptRows[0]).toMatch(/not assignable to type 'number'/);
    writeFileSync(file, original);
    const clean = await eventually(async () => {
      const texts = await problems(page);
      return texts.some((t) => t.includes('keys-command')) && !texts.some((t) => TYPESCRIPT_ROW.test(t)) ? texts : undefined;
    }, 'the probe error to go away', 60_000);
    expect(clean.filter((t) => /Cannot find module|implicitly has an 'any'|Cannot find name 'process'/.test(t))).toEqual([]);
    await workbench.screenshot('demo-problems-only-ours');
  });

  it('names session:* in the Analysis tab with its counts and a link that opens its write site', async () => {
    const { page } = workbench;
    const frame = await instancePanel(page);
    await frame.click('[data-tab="analysis"]');
    await frame.click('[data-action="run-analysis"]');
    const recommendation = frame.locator('[data-recommendation="cache-namespace-without-ttl"]');
    await recommendation.waitFor({ state: 'visible', timeout: 120_000 });
    expect(await recommendation.innerText()).toContain('session:*: 80 of 400 keys (20.0 %) have no TTL');
    const link = recommendation.locator('[data-field="written-at"] [data-code-link="python-api/sessions.py:21"]');
    expect(await link.innerText()).toBe('python-api/sessions.py:21 (HSET session:*)');
    await recommendation.scrollIntoViewIfNeeded();
    await workbench.screenshot('demo-analysis-session');
    await link.click();
    await eventually(async () => (await page.locator('.tabs-container .tab.active').first().textContent())?.includes('sessions.py'), 'sessions.py to open');
    await eventually(async () => (await page.locator('.statusbar').textContent())?.includes('Ln 21'), 'the cursor on line 21');
  });

  it('shows the binary key escaped, as everywhere else', async () => {
    const frame = await instancePanel(workbench.page);
    await frame.click('[data-tab="keys"]');
    await frame.fill('[data-field="pattern"]', 'bin:*');
    await frame.click('[data-action="scan"]');
    const shown = await eventually(async () => {
      // Rows of the previous (unfiltered) listing stay until the filtered scan answers: wait for the filtered ones.
      const keys = await frame.locator('[data-table="keys"] .vt-row:not([hidden]) .vt-cell:first-child').allTextContents();
      return keys.length && keys.every((key) => key.startsWith('bin:')) ? keys : undefined;
    }, 'the binary key in the Keys tab', 60_000);
    expect(shown).toEqual(['bin:\\xff\\xfe\\x00\\x01']);
  });

  it('reads Memory doctor as a summary and quotes the server\'s own words', async () => {
    const frame = await instancePanel(workbench.page);
    await frame.click('[data-tab="stats"]');
    await frame.click('[data-action="memory-doctor"]');
    const summary = frame.locator('[data-field="doctor-summary"]');
    await summary.waitFor({ state: 'visible', timeout: 60_000 });
    expect(await summary.innerText()).toMatch(/^Nothing to check yet: MEMORY DOCTOR only looks at a server holding more than about 5 MB/);
    await frame.locator('.doctor-words summary').click();
    const words = frame.locator('[data-field="doctor-text"]');
    expect(await words.innerText()).toMatch(/^Hi Sam, this instance is empty/);
    // Wrapped between words: no line of the quotation ends inside a word.
    const wordBreaks = await words.evaluate((element) => getComputedStyle(element).wordBreak);
    expect(wordBreaks).toBe('normal');
    await words.scrollIntoViewIfNeeded();
    await workbench.screenshot('demo-memory-doctor');
  });

  it('stops everything with demo.sh stop', async () => {
    execFileSync('bash', [join(REPO_ROOT, 'scripts', 'demo.sh'), 'stop'], { cwd: REPO_ROOT, env, encoding: 'utf8' });
    await eventually(async () => !(await alive()), 'the demo URL to stop answering', 30_000);
  });
});
