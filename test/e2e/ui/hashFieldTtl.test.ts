/**
 * Hash field TTLs in the real VS Code (code-server) against a real Redis 7.4: the hash viewer shows a TTL column
 * with each field's TTL, sets one (after the modal confirmation, since the field is deleted when it runs out) and
 * removes one, and the server agrees. Skipped with one printed reason where the Redis 7.4 build is absent.
 * Screenshot: test/e2e/artifacts/hash-field-ttl.png.
 */
import Redis from 'ioredis';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { REDIS_7_4, availableBuilds } from '../../helpers/serverBuilds';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { eventually, openInstancePanel, openRedisContainer, openWorkbench, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

const KEY = 'session:ttl-demo';

async function fieldTtl(client: Redis, field: string): Promise<number> {
  return Number(((await client.call('HTTL', KEY, 'FIELDS', '1', field)) as number[])[0]);
}

/** Seconds of a TTL as the viewer writes it ("59m 58s", "1h 0m", "42s"); NaN for anything else. */
function shownSeconds(text: string): number {
  const match = /^(?:(\d+)h )?(?:(\d+)m)? ?(?:(\d+)s)?$/.exec(text);
  if (!match || text === '') return NaN;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

function valueRow(frame: Frame, field: string) {
  return frame.locator('[data-table="value"] .vt-row:not([hidden])').filter({ has: frame.locator('.vt-cell:first-child', { hasText: new RegExp(`^${field}$`) }) }).first();
}

/** The TTL cell of a field's row (the third column: field, value, TTL). */
async function ttlText(frame: Frame, field: string): Promise<string> {
  return ((await valueRow(frame, field).locator('.vt-cell').nth(2).textContent()) ?? '').trim();
}

async function openKey(frame: Frame, key: string): Promise<void> {
  await frame.fill('[data-field="pattern"]', key);
  await frame.click('[data-action="scan"]');
  const row = frame.locator('[data-table="keys"] .vt-row:not([hidden])', { hasText: key }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click();
  await eventually(async () => (await frame.locator('[data-field="key"]').textContent())?.trim() === key, `the viewer of ${key}`, 60_000);
}

async function confirmDialog(page: Page, button: string): Promise<void> {
  const action = page.locator('.monaco-dialog-box .monaco-button', { hasText: button }).first();
  await action.waitFor({ state: 'visible', timeout: 30_000 });
  await action.click();
}

for (const build of availableBuilds([REDIS_7_4], 'the hash field TTL UI test')) {
  describe(`hash field TTLs in VS Code on ${build.label}`, () => {
    let redis: Standalone;
    let client: Redis;
    let server: CodeServer;
    let workbench: Workbench;
    let frame: Frame;

    beforeAll(async () => {
      redis = await startStandalone({ binary: build.server });
      client = new Redis(redis.port, '127.0.0.1');
      await client.hset(KEY, 'token', 'abc', 'user', 'ada', 'scope', 'read');
      await client.call('HEXPIRE', KEY, '3600', 'FIELDS', '1', 'token');
      server = await startCodeServer({ settings: { 'redisReview.connections': [{ name: 'Redis 7.4', url: redis.url }] } });
      workbench = await openWorkbench(server, { folder: copyWorkspace('test/fixtures/workspace') });
      await openRedisContainer(workbench.page);
      frame = await openInstancePanel(workbench.page, 'keys');
    }, 240_000);

    afterEach(async (context) => {
      if (context.task.result?.state === 'fail') await workbench?.screenshot(`hash-field-ttl-failure-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
    });

    afterAll(async () => {
      await workbench?.close();
      await server?.stop();
      client?.disconnect();
      await redis?.stop();
    });

    it('shows a TTL column with each field\'s TTL', async () => {
      await openKey(frame, KEY);
      await valueRow(frame, 'token').waitFor({ timeout: 60_000 });
      // The last header cell, when present, is the row actions' (no title).
      const headers = (await frame.locator('[data-table="value"] .vt-head').allTextContents()).map((t) => t.trim()).filter(Boolean);
      expect(headers).toEqual(['Field', 'Value', 'TTL']);
      // The TTL as read with the page: at most the 3,600 s set, at least what the server has left now.
      const shown = shownSeconds(await ttlText(frame, 'token'));
      expect(shown).toBeLessThanOrEqual(3600);
      expect(shown).toBeGreaterThanOrEqual((await fieldTtl(client, 'token')) - 1);
      expect(await ttlText(frame, 'user')).toBe('No limit');
      await workbench.screenshot('hash-field-ttl');
    }, 120_000);

    it('sets a field TTL after the confirmation, and the server has it', async () => {
      await valueRow(frame, 'user').locator('[data-action="field-ttl"]').click();
      await frame.fill('[data-input="seconds"]', '600');
      await frame.click('[data-action="form-submit"]');
      await confirmDialog(workbench.page, 'Set Field TTL');
      await eventually(async () => {
        const ttl = await fieldTtl(client, 'user');
        return ttl > 0 && ttl <= 600;
      }, 'HEXPIRE on the server', 30_000);
      await eventually(async () => {
        const shown = shownSeconds(await ttlText(frame, 'user'));
        return shown <= 600 && shown >= (await fieldTtl(client, 'user')) - 1;
      }, 'the new TTL in the row', 30_000);
      expect(await client.hget(KEY, 'user')).toBe('ada');
    }, 120_000);

    it('removes a field TTL', async () => {
      await valueRow(frame, 'token').locator('[data-action="field-persist"]').click();
      await eventually(async () => (await fieldTtl(client, 'token')) === -1, 'HPERSIST on the server', 30_000);
      await eventually(async () => (await ttlText(frame, 'token')) === 'No limit', 'the row without a TTL', 30_000);
      expect(await workbench.page.locator('.monaco-dialog-box').count()).toBe(0);
    }, 120_000);
  });
}
