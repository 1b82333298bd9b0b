/**
 * Hash field TTLs in the value browser against real servers: on Redis 7.4 a page of fields carries each field's
 * TTL (read with one HPTTL per page, proven by INFO commandstats), HEXPIRE sets one and HPERSIST removes it, and
 * read-only connections refuse both below the UI; on Redis 7.0 pages carry no TTLs and nothing fails.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandSpec } from '../../../src/core/commands/commandTable';
import { newProfile } from '../../../src/core/connection/profile';
import { parseCommandStats, parseInfo } from '../../../src/core/info/parseInfo';
import { applyEdit, DESTRUCTIVE_EDITS, ReadOnlyError } from '../../../src/redis/browse/editKey';
import { readCollection } from '../../../src/redis/browse/readValue';
import { toWire } from '../../../src/redis/browse/wireBytes';
import { RedisSession } from '../../../src/redis/connection/redisSession';
import { isReadOnlyRefusal } from '../../../src/redis/readOnlyGuard';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { REDIS_7_0, REDIS_7_4, availableBuilds } from '../../helpers/serverBuilds';

const KEY = 'profile:1';

async function calls(client: Redis, command: string): Promise<number> {
  return parseCommandStats(parseInfo(await client.info('commandstats')).commandstats).find((s) => s.command === command)?.calls ?? 0;
}

async function page(client: Redis, count = 1000) {
  return readCollection(client, { key: toWire(Buffer.from(KEY)), type: 'hash', cursor: '0', match: '', count });
}

const byField = (items: Array<{ item: string; ttlMs?: number }>) => new Map(items.map((i) => [i.item, i.ttlMs]));

for (const build of availableBuilds([REDIS_7_4], 'the hash field TTL test')) {
  describe(`${build.label}: hash field TTLs`, () => {
    let server: Standalone;
    let client: Redis;

    beforeAll(async () => {
      server = await startStandalone({ binary: build.server });
      client = new Redis(server.port, '127.0.0.1');
      // 300 fields: more than one HSCAN page would hold if the server paged, and many TTLs in one call.
      const fields: string[] = [];
      for (let i = 0; i < 300; i++) fields.push(`f${i}`, `v${i}`);
      await client.hset(KEY, ...fields);
      await client.call('HEXPIRE', KEY, '3600', 'FIELDS', '2', 'f1', 'f2');
    }, 60_000);

    afterAll(async () => {
      client?.disconnect();
      await server?.stop();
    });

    it('reads every field TTL of a page in one HPTTL call', async () => {
      const before = await calls(client, 'hpttl');
      const result = await page(client);
      expect(await calls(client, 'hpttl')).toBe(before + 1);
      expect(result.fieldTtls).toBe(true);
      expect(result.items).toHaveLength(300);
      const ttls = byField(result.items);
      expect(ttls.get('tf1')).toBeGreaterThan(3_500_000);
      expect(ttls.get('tf1')).toBeLessThanOrEqual(3_600_000);
      expect(ttls.get('tf2')).toBeGreaterThan(3_500_000);
      expect(ttls.get('tf0')).toBe(-1);
      expect(result.items.filter((i) => i.ttlMs !== -1)).toHaveLength(2);
    });

    it('sets a field TTL (HEXPIRE) and removes it again (HPERSIST)', async () => {
      const target = { client, readOnly: false };
      await applyEdit(target, Buffer.from(KEY), { op: 'hashFieldExpire', field: toWire(Buffer.from('f7')), seconds: 120 });
      expect(Number(((await client.call('HTTL', KEY, 'FIELDS', '1', 'f7')) as number[])[0])).toBeGreaterThan(100);
      expect(byField((await page(client)).items).get('tf7')).toBeGreaterThan(100_000);

      await applyEdit(target, Buffer.from(KEY), { op: 'hashFieldPersist', field: toWire(Buffer.from('f7')) });
      expect(Number(((await client.call('HTTL', KEY, 'FIELDS', '1', 'f7')) as number[])[0])).toBe(-1);
      expect(byField((await page(client)).items).get('tf7')).toBe(-1);
      // The field and its value survived both edits.
      expect(await client.hget(KEY, 'f7')).toBe('v7');
    });

    it('a field that no longer exists is an error, not a silent success', async () => {
      await expect(applyEdit({ client, readOnly: false }, Buffer.from(KEY), { op: 'hashFieldExpire', field: toWire(Buffer.from('missing')), seconds: 60 }))
        .rejects.toThrow(/no longer exists/);
    });

    it('setting a field TTL is confirmed like other edits that delete data; removing one is not', () => {
      expect(DESTRUCTIVE_EDITS.has('hashFieldExpire')).toBe(true);
      expect(DESTRUCTIVE_EDITS.has('hashFieldPersist')).toBe(false);
    });

    it('read-only connections refuse HEXPIRE and HPERSIST before they reach the server', async () => {
      const session = await RedisSession.open(newProfile({ id: 'ro', port: server.port, readOnly: true, connectTimeoutMs: 5000 }), {});
      try {
        const before = await calls(client, 'hexpire');
        const persistBefore = await calls(client, 'hpersist');
        // The browse layer refuses first…
        await expect(applyEdit({ client: session.client, readOnly: true }, Buffer.from(KEY), { op: 'hashFieldExpire', field: toWire(Buffer.from('f3')), seconds: 60 }))
          .rejects.toThrow(ReadOnlyError);
        await expect(applyEdit({ client: session.client, readOnly: true }, Buffer.from(KEY), { op: 'hashFieldPersist', field: toWire(Buffer.from('f1')) }))
          .rejects.toThrow(ReadOnlyError);
        // …and the connection's own guard refuses the raw commands too, whoever sends them.
        const raw = await session.client.call('HEXPIRE', KEY, '60', 'FIELDS', '1', 'f3').catch((error: unknown) => error);
        expect(isReadOnlyRefusal(raw)).toBe(true);
        const rawPersist = await session.client.call('HPERSIST', KEY, 'FIELDS', '1', 'f1').catch((error: unknown) => error);
        expect(isReadOnlyRefusal(rawPersist)).toBe(true);
        expect(await calls(client, 'hexpire')).toBe(before);
        expect(await calls(client, 'hpersist')).toBe(persistBefore);
        // Reading stays allowed on a read-only connection; HPTTL is sent once the guard's command table knows
        // it is read-only (tables generated from 7.4), otherwise the page comes without TTLs instead of failing.
        const readOnlyPage = await page(session.client as Redis);
        expect(readOnlyPage.items).toHaveLength(300);
        if (commandSpec('hpttl')) expect(byField(readOnlyPage.items).get('tf1')).toBeGreaterThan(0);
        else expect(readOnlyPage.fieldTtls).toBeUndefined();
        expect(Number(((await client.call('HTTL', KEY, 'FIELDS', '1', 'f3')) as number[])[0])).toBe(-1);
      } finally {
        await session.close();
      }
    });
  });
}

for (const build of availableBuilds([REDIS_7_0], 'the hash field TTL absence test')) {
  describe(`${build.label}: no hash field expiry`, () => {
    let server: Standalone;
    let client: Redis;

    beforeAll(async () => {
      server = await startStandalone({ binary: build.server });
      client = new Redis(server.port, '127.0.0.1');
      await client.hset(KEY, 'a', '1', 'b', '2');
    });

    afterAll(async () => {
      client?.disconnect();
      await server?.stop();
    });

    it('pages carry no TTL column and no TTLs, and the value reads as before', async () => {
      const result = await page(client);
      expect(result.fieldTtls).toBeUndefined();
      expect(result.items.map((i) => [i.item, i.value]).sort()).toEqual([['ta', 't1'], ['tb', 't2']]);
      expect(result.items.every((i) => !('ttlMs' in i))).toBe(true);
      expect(await calls(client, 'hpttl')).toBe(0);
    });
  });
}
