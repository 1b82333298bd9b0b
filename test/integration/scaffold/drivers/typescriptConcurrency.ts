/** TypeScript drivers for the patterns whose guarantees are about concurrency: limiter, lock, queue, cache, idempotency. */

const rateLimiter = `import { RateLimiter } from './rateLimiter';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('rate-limiter');
const WINDOW_MS = 500;

main(async () => {
  const clients = Array.from({ length: 20 }, () => connect());
  const burst = clients.map((client) => new RateLimiter(client, { limit: 10, windowMs: 5000, prefix: PREFIX }));
  const burstResults = await Promise.all(burst.flatMap((limiter) => [limiter.allow('burst'), limiter.allow('burst'), limiter.allow('burst')]));
  const sliding = clients.map((client) => new RateLimiter(client, { limit: 5, windowMs: WINDOW_MS, prefix: PREFIX }));
  const start = performance.now();
  const admitted: Array<[number, number]> = [];
  await Promise.all(
    sliding.map(async (limiter) => {
      while (performance.now() - start < 1500) {
        const sent = performance.now() - start;
        const result = await limiter.allow('sliding');
        const answered = performance.now() - start;
        if (result.allowed) admitted.push([sent, answered]);
        else if (!(result.retryAfterMs > 0 && result.retryAfterMs <= WINDOW_MS)) throw new Error('bad retryAfterMs ' + result.retryAfterMs);
        await sleep(5);
      }
    }),
  );
  const denied = await burst[0].allow('burst');
  await report({
    burstAdmitted: burstResults.filter((result) => result.allowed).length,
    burstDenied: denied,
    burstTtlMs: await clients[0].pttl(burst[0].key('burst')),
    sliding: { limit: 5, windowMs: WINDOW_MS, admitted },
  });
});
`;

const distributedLock = `import { RedisLock } from './distributedLock';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('distributed-lock');
const INSIDE = PREFIX + '-inside';

main(async () => {
  const clients = Array.from({ length: 6 }, () => connect());
  let overlaps = 0;
  let acquisitions = 0;
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < 5; i++) {
        const lock = new RedisLock(client, 'critical', { ttlMs: 5000, prefix: PREFIX, retryIntervalMs: 5 });
        if (!(await lock.acquire({ timeoutMs: 20_000 }))) throw new Error('lock not acquired');
        if ((await client.incr(INSIDE)) !== 1) overlaps++;
        await sleep(5);
        await client.decr(INSIDE);
        if (await lock.release()) acquisitions++;
      }
    }),
  );
  const client = clients[0];
  await client.del(INSIDE);
  const stale = new RedisLock(client, 'job', { ttlMs: 100, prefix: PREFIX });
  const fresh = new RedisLock(client, 'job', { ttlMs: 5000, prefix: PREFIX });
  const staleAcquired = await stale.acquire({ timeoutMs: 0 });
  const secondWhileHeld = await new RedisLock(client, 'job', { ttlMs: 5000, prefix: PREFIX }).acquire({ timeoutMs: 0 });
  await sleep(200);
  const freshAcquired = await fresh.acquire({ timeoutMs: 1000 });
  const staleExtend = await stale.extend(5000);
  const staleRelease = await stale.release();
  const holder = await client.get(fresh.key);
  const scoped = new RedisLock(client, 'scoped', { ttlMs: 5000, prefix: PREFIX });
  const scopedTtlMs = await scoped.withLock(() => client.pttl(scoped.key));
  const scopedLeft = await client.exists(scoped.key);
  const freshTtlMs = await client.pttl(fresh.key);
  await report({
    acquisitions, overlaps, staleAcquired, secondWhileHeld, freshAcquired, staleExtend, staleRelease,
    holderIsFresh: holder === fresh.token, freshTtlMs, scopedTtlMs, scopedLeft, freshRelease: await fresh.release(),
  });
});
`;

const jobQueue = `import { execFileSync } from 'node:child_process';
import { JobQueue } from './jobQueue';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('job-queue');
// Long enough that the dying consumer's job is not yet reclaimable when the survivor first looks, even when starting
// the dying process takes seconds on a busy machine; each later reclaim waits it out.
const VISIBILITY_MS = 3000;
const DYING = [
  "const { JobQueue } = require('./jobQueue');",
  "const { connect } = require('./driverSupport');",
  "new JobQueue(connect(), 'orders', { visibilityTimeoutMs: " + VISIBILITY_MS + ", maxDeliveries: 3, prefix: process.env.QUEUE_PREFIX })",
  "  .reserve('doomed').then((jobs) => { process.stdout.write(jobs[0].id); process.exit(0); });",
].join('\\n');

main(async () => {
  const client = connect();
  const queue = new JobQueue(client, 'orders', { visibilityTimeoutMs: VISIBILITY_MS, maxDeliveries: 3, prefix: PREFIX });
  const first = await queue.enqueue({ n: 1 });
  const second = await queue.enqueue({ n: 2 });
  const dyingGot = execFileSync(process.execPath, ['-e', DYING], { cwd: __dirname, env: { ...process.env, QUEUE_PREFIX: PREFIX } }).toString().trim();
  const reserved = await queue.reserve('survivor', 10, 100);
  for (const job of reserved) await queue.ack(job.id);
  await queue.close();
  const reclaimedEarly = (await queue.reclaim('survivor')).length;
  const reclaims: Array<Array<[string, number, unknown]>> = [];
  for (let i = 0; i < 3; i++) {
    await sleep(VISIBILITY_MS + 50);
    reclaims.push((await queue.reclaim('survivor')).map((job) => [job.id, job.deliveries, job.payload.n]));
  }
  const dead = (await queue.deadLetters()).map((job) => ({ id: job.id, deliveries: job.deliveries, payload: job.payload }));
  const summary = (await client.xpending(queue.streamKey, 'workers')) as unknown[];
  const bounded = new JobQueue(client, 'bounded', { maxLen: 10, prefix: PREFIX });
  for (let n = 0; n < 500; n++) await bounded.enqueue({ n });
  await report({
    first, second, dyingGot, reservedBySurvivor: reserved.map((job) => job.id), reclaimedEarly, reclaims, dead,
    pendingAfter: Number(summary[0]), boundedLength: await client.xlen(bounded.streamKey),
  });
});
`;

const cacheAside = `import { CacheAside } from './cacheAside';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('cache-aside');

main(async () => {
  let calls = 0;
  const loader = async () => {
    calls++;
    const loaded = calls;
    await sleep(300);
    return { name: 'Ada', loaded };
  };
  const caches = Array.from({ length: 50 }, () => new CacheAside(connect(), { prefix: PREFIX, ttlSeconds: 120 }));
  const results = await Promise.all(caches.map((cache) => cache.getOrLoad('user:42', loader)));
  const concurrentCalls = calls;
  const cache = caches[0];
  const client = connect();
  const ttlSeconds = await client.ttl(cache.key('user:42'));
  const lockLeft = await client.exists(cache.key('user:42') + ':lock');
  await cache.invalidate('user:42');
  const reloaded = await cache.getOrLoad('user:42', loader);
  let failedLoaderRaised = false;
  try {
    await cache.getOrLoad('broken', async () => {
      throw new Error('database down');
    });
  } catch {
    failedLoaderRaised = true;
  }
  const recovered = await cache.getOrLoad('broken', async () => 'recovered');
  await report({
    loaderCallsForConcurrentMisses: concurrentCalls,
    distinctResults: new Set(results.map((result) => JSON.stringify(result))).size,
    ttlSeconds, lockLeft, reloaded, failedLoaderRaised, recovered,
  });
});
`;

const idempotencyKeys = `import { IdempotencyKeys, KeyReusedForDifferentRequest } from './idempotencyKeys';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('idempotency-keys');

main(async () => {
  let calls = 0;
  const charge = async () => {
    calls++;
    const chargeId = 'ch_' + calls;
    await sleep(300);
    return { chargeId };
  };
  const stores = Array.from({ length: 20 }, () => new IdempotencyKeys(connect(), { prefix: PREFIX, ttlSeconds: 600 }));
  const results = await Promise.all(stores.map((store) => store.run('order-1', charge, { fingerprint: 'f1', waitMs: 5000 })));
  const handlerCalls = calls;
  const store = stores[0];
  const replay = await store.run('order-1', charge, { fingerprint: 'f1' });
  const reusedRefused = await store.run('order-1', charge, { fingerprint: 'other' }).then(() => false, (error: unknown) => error instanceof KeyReusedForDifferentRequest);
  const failedRaised = await store.run('order-2', async () => { throw new Error('boom'); }).then(() => false, () => true);
  const retried = await store.run('order-2', async () => 'ok');
  await report({
    handlerCalls, distinctResults: new Set(results.map((result) => JSON.stringify(result))).size, result: results[0], replay,
    callsAfterReplay: calls, reusedRefused, failedRaised, retried, ttl: await connect().ttl(store.key('order-1')),
  });
});
`;

export const TYPESCRIPT_CONCURRENCY_DRIVERS: Record<string, string> = { rateLimiter, distributedLock, jobQueue, cacheAside, idempotencyKeys };
