/**
 * CLIENT NO-TOUCH proven on real servers: on Redis 7.4 and Valkey 8 a full analysis leaves every key's
 * OBJECT IDLETIME where it was (the analysis connections switched NO-TOUCH on); on Redis 7.0, which lacks the
 * command, the same run resets idle times to 0 and the report says so; a 7.4 user whose ACL denies the command
 * is told which permission is missing. Builds that are not on this machine are skipped with one printed reason.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMemory } from '../../../src/redis/analysis/analyzeMemory';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { REDIS_7_0, REDIS_7_4, VALKEY_8, availableBuilds } from '../../helpers/serverBuilds';

const IDLE_SECONDS = 3;

/** One key of every type, plus a namespace of strings, so every inspection path reads something. */
async function seed(client: Redis): Promise<string[]> {
  const pipeline = client.pipeline();
  for (let i = 0; i < 40; i++) pipeline.set(`plain:${i}`, 'x'.repeat(i * 10));
  pipeline.hset('hash:1', 'a', '1', 'b', '2');
  pipeline.rpush('list:1', 'a', 'b', 'c');
  pipeline.sadd('set:1', 'a', 'b');
  pipeline.sadd('intset:1', '1', '2', '3');
  pipeline.zadd('zset:1', 1, 'a', 2, 'b');
  pipeline.xadd('stream:1', '*', 'f', 'v');
  pipeline.set('big:1', 'y'.repeat(100_000), 'EX', 3600);
  await pipeline.exec();
  return (await client.keys('*')).sort();
}

async function idleTimes(client: Redis, keys: string[]): Promise<number[]> {
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.object('IDLETIME', key);
  return ((await pipeline.exec()) ?? []).map(([error, value]) => {
    if (error) throw error;
    return Number(value);
  });
}

/** Waits until every key has been idle for IDLE_SECONDS (a condition, not a fixed sleep). */
async function untilIdle(client: Redis, keys: string[]): Promise<number[]> {
  for (;;) {
    const idle = await idleTimes(client, keys);
    if (idle.every((seconds) => seconds >= IDLE_SECONDS)) return idle;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function serverSuite(label: string, binary: string, expectNoTouch: boolean): void {
  describe(label, () => {
    let server: Standalone;
    let client: Redis;
    let keys: string[];

    beforeAll(async () => {
      // An LRU policy is where idle times matter: they decide what is evicted next.
      server = await startStandalone({ binary, args: ['--maxmemory-policy', 'allkeys-lru'] });
      client = new Redis({ port: server.port, host: '127.0.0.1' });
      keys = await seed(client);
    }, 60_000);

    afterAll(async () => {
      client?.disconnect();
      await server?.stop();
    });

    it(expectNoTouch ? 'a full analysis leaves OBJECT IDLETIME of every key unchanged' : 'a full analysis resets idle times, and the report warns about it', async () => {
      const before = await untilIdle(client, keys);
      const warnings: string[] = [];
      const outcome = await analyzeMemory(client, { mode: 'full', onWarning: (w) => warnings.push(w) });
      expect(outcome.complete).toBe(true);
      expect(outcome.report.totalKeys).toBe(keys.length);
      const after = await idleTimes(client, keys);
      if (expectNoTouch) {
        expect(outcome.noTouch).toBe(true);
        expect(warnings).toEqual([]);
        expect(outcome.report.warnings).toBeUndefined();
        // Idle time only grows while nothing touches a key; a reset would bring it back to 0.
        after.forEach((seconds, i) => expect(seconds, keys[i]).toBeGreaterThanOrEqual(before[i]));
      } else {
        expect(outcome.noTouch).toBe(false);
        expect(outcome.report.warnings?.[0]).toMatch(/has no CLIENT NO-TOUCH .*OBJECT IDLETIME becomes 0/);
        expect(warnings).toEqual(outcome.report.warnings);
        after.forEach((seconds, i) => expect(seconds, keys[i]).toBeLessThan(before[i]));
      }
    }, 120_000);
  });
}

// Each build is pinned, so the comparison holds whichever server the rest of the run targets.
for (const build of availableBuilds([REDIS_7_0, REDIS_7_4, VALKEY_8], 'the CLIENT NO-TOUCH analysis test')) {
  serverSuite(build.id === 'redis-7.0' ? `${build.label}, no CLIENT NO-TOUCH` : build.label, build.server, build.id !== 'redis-7.0');
}

for (const build of availableBuilds([REDIS_7_4], 'the CLIENT NO-TOUCH refusal test')) {
  describe(`${build.label}: an ACL user without CLIENT NO-TOUCH`, () => {
    let server: Standalone;
    let client: Redis;

    beforeAll(async () => {
      server = await startStandalone({ binary: build.server, aclUsers: ['user analyst on >secret ~* &* +@all -client|no-touch'] });
      client = new Redis({ port: server.port, host: '127.0.0.1', username: 'analyst', password: 'secret' });
      await client.set('k', 'v');
    });

    afterAll(async () => {
      client?.disconnect();
      await server?.stop();
    });

    it('is warned that idle times reset and which permission would prevent it, not told to upgrade', async () => {
      const outcome = await analyzeMemory(client, { mode: 'full' });
      expect(outcome.noTouch).toBe(false);
      expect(outcome.report.warnings).toHaveLength(1);
      expect(outcome.report.warnings![0]).toMatch(/^Redis 7\.4\.1 refused CLIENT NO-TOUCH to this user \(NOPERM.*OBJECT IDLETIME becomes 0.*\+client\|no-touch/);
      expect(outcome.report.warnings![0]).not.toMatch(/came in 7\.2/);
    });
  });
}
