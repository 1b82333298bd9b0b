/** TypeScript drivers for the data-structure patterns: sessions, leaderboards, delayed jobs, counters, series, pub/sub. */

const sessionStore = `import { SessionStore, SessionTooLarge } from './sessionStore';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('session-store');

main(async () => {
  const client = connect();
  const store = new SessionStore(client, { prefix: PREFIX, ttlSeconds: 1, maxFields: 3, maxValueBytes: 16 });
  const kept = await store.create({ user: '42' });
  const idle = await store.create({ user: '7' });
  const slidingAlive: boolean[] = [];
  for (let i = 0; i < 3; i++) {
    await sleep(600);
    slidingAlive.push((await store.get(kept)) !== null);
  }
  const idleExpired = (await store.get(idle)) === null;
  const updated = await store.update(kept, { cart: '3' });
  const tooMany = await store.update(kept, { x: '1', y: '2' }).then(() => false, (error: unknown) => error instanceof SessionTooLarge);
  const tooBig = await store.update(kept, { cart: 'z'.repeat(17) }).then(() => false, (error: unknown) => error instanceof SessionTooLarge);
  const longLived = await new SessionStore(client, { prefix: PREFIX, ttlSeconds: 300 }).create({ user: '9' });
  const data = await store.get(kept);
  const touch = await store.touch(kept);
  const ttl = await client.ttl(store.key(longLived));
  const destroyed = await store.destroy(kept);
  await report({
    slidingAlive, idleExpired, updated, data, tooMany, tooBig, touch, ttl, destroyed,
    afterDestroy: await store.get(kept), updateAfterDestroy: await store.update(kept, { a: 'b' }),
  });
});
`;

const leaderboard = `import { Leaderboard, type Entry } from './leaderboard';
import { connect, main, prefix, report } from './driverSupport';

const PREFIX = prefix('leaderboard');
const rows = (entries: Entry[]) => entries.map((entry) => [entry.member, entry.score, entry.rank]);

main(async () => {
  const boards = Array.from({ length: 10 }, () => new Leaderboard(connect(), 'weekly', { prefix: PREFIX }));
  await Promise.all(boards.map((board) => Promise.all(Array.from({ length: 20 }, (_, member) => board.increment('player-' + member, member + 1)))));
  const board = boards[0];
  const capped = new Leaderboard(connect(), 'capped', { prefix: PREFIX, maxMembers: 5 });
  for (let member = 0; member < 12; member++) await capped.add('p' + member, member);
  await report({
    top3: rows(await board.top(3)),
    rankOfLeader: await board.rank('player-19'),
    rankMissing: await board.rank('nobody'),
    page2: rows(await board.page(2, 4)),
    around: rows(await board.around('player-10', 2)),
    aroundLeader: rows(await board.around('player-19', 2)),
    aroundMissing: rows(await board.around('nobody')),
    size: await board.size(),
    cappedSize: await capped.size(),
    cappedTop: rows(await capped.top(10)),
    removed: await board.remove('player-0'),
    sizeAfterRemove: await board.size(),
  });
});
`;

const delayedJobs = `import { DelayedJobs } from './delayedJobs';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('delayed-jobs');

main(async () => {
  const jobs = new DelayedJobs(connect(), 'mail', { prefix: PREFIX });
  const scheduled = new Map<string, [number, number]>();
  for (let n = 0; n < 100; n++) {
    const before = Date.now();
    const delay = (n * 37) % 400;
    scheduled.set(await jobs.schedule({ n }, delay), [before, delay]);
  }
  const cancelled = await jobs.schedule({ n: 'cancel-me' }, 100);
  const cancelResult = await jobs.cancel(cancelled);
  const workers = Array.from({ length: 6 }, () => new DelayedJobs(connect(), 'mail', { prefix: PREFIX }));
  const claims: Array<[string, number]> = [];
  const deadline = Date.now() + 2000;
  await Promise.all(workers.map(async (worker) => {
    while (Date.now() < deadline && claims.length < 100) {
      const batch = await worker.claimDue(5);
      const after = Date.now();
      for (const job of batch) claims.push([job.id, after]);
      if (batch.length === 0) await sleep(10);
    }
  }));
  const ids = claims.map(([id]) => id);
  const early = claims.filter(([id, after]) => after + 1 < scheduled.get(id)![0] + scheduled.get(id)![1]).map(([id]) => id);
  await report({
    scheduled: scheduled.size,
    claimed: claims.length,
    distinctClaimed: new Set(ids).size,
    allScheduledClaimed: JSON.stringify([...ids].sort()) === JSON.stringify([...scheduled.keys()].sort()),
    early, cancelResult, cancelledClaimed: ids.includes(cancelled), pendingAfter: await jobs.pending(),
  });
});
`;

const uniqueCounters = `import { UniqueCounters } from './uniqueCounters';
import { connect, main, prefix, report } from './driverSupport';

const PREFIX = prefix('unique-counters');
const monday = new Date(Date.UTC(2030, 0, 7));
const tuesday = new Date(Date.UTC(2030, 0, 8));

main(async () => {
  const counters = Array.from({ length: 4 }, () => new UniqueCounters(connect(), { prefix: PREFIX, retentionDays: 3 }));
  await Promise.all(counters.map(async (counter, index) => {
    for (let visitor = index * 500; visitor < index * 500 + 500; visitor++) {
      await counter.recordVisit('/home', 'v' + visitor, monday);
      await counter.recordVisit('/home', 'v' + (visitor % 1000), tuesday);
    }
  }));
  const c = counters[0];
  for (let user = 0; user < 100; user += 2) await c.markActive(user, monday);
  for (let user = 0; user < 100; user += 3) await c.markActive(user, tuesday);
  const rejectedHugeId = await c.markActive(2 ** 27, monday).then(() => false, (error: unknown) => error instanceof RangeError);
  await report({
    uniqueMonday: await c.uniqueVisitors('/home', [monday]),
    uniqueTuesday: await c.uniqueVisitors('/home', [tuesday]),
    uniqueBoth: await c.uniqueVisitors('/home', [monday, tuesday]),
    dauMonday: await c.dailyActive(monday),
    dauTuesday: await c.dailyActive(tuesday),
    activeOnAll: await c.activeOnAll([monday, tuesday]),
    activeOnAny: await c.activeOnAny([monday, tuesday]),
    isActive: [await c.isActive(6, monday), await c.isActive(6, tuesday), await c.isActive(3, monday)],
    rejectedHugeId,
    ttl: await connect().ttl(c.activeKey(monday)),
  });
});
`;

const timeSeriesEvents = `import { EventSeries } from './timeSeriesEvents';
import { connect, main, prefix, report } from './driverSupport';

const PREFIX = prefix('time-series-events');

main(async () => {
  const client = connect();
  const series = new EventSeries(client, { prefix: PREFIX, retentionMs: 3_600_000 });
  const base = Date.now() - 10_000;
  for (let offset = 0; offset < 200; offset++) await series.add('cpu', { value: offset, host: 'a' }, base + offset * 10);
  const short = new EventSeries(client, { prefix: PREFIX, retentionMs: 60_000 });
  const old = Date.now() - 600_000;
  for (let offset = 0; offset < 500; offset++) await short.add('logins', { n: offset }, old + offset);
  const freshId = await short.add('logins', { n: 'fresh' });
  const capped = new EventSeries(client, { prefix: PREFIX, retentionMs: null, maxLen: 50 });
  for (let offset = 0; offset < 1000; offset++) await capped.add('capped', { n: offset });
  const window = await series.range('cpu', base + 500, base + 590);
  const paged: number[] = [];
  for await (const event of series.iterate('cpu', base, base + 100_000, 7)) paged.push(Number(event.fields.value));
  await report({
    window: window.map((event) => Number(event.fields.value)),
    windowTimestamps: window.map((event) => event.timestampMs - base),
    latest: (await series.latest('cpu', 3)).map((event) => Number(event.fields.value)),
    paged,
    loginsLength: await client.xlen(short.key('logins')),
    freshKept: (await client.xrange(short.key('logins'), freshId, freshId)).length > 0,
    cappedLength: await client.xlen(capped.key('capped')),
    ttl: await client.pttl(series.key('cpu')),
  });
});
`;

const pubsubInvalidation = `import { InvalidatingCache } from './pubsubInvalidation';
import { connect, main, prefix, report, sleep } from './driverSupport';

const PREFIX = prefix('pubsub-invalidation');

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(10);
  }
  return condition();
}

main(async () => {
  const clients = Array.from({ length: 3 }, () => connect());
  const caches = clients.map((client) => new InvalidatingCache(client, { prefix: PREFIX, ttlSeconds: 60 }));
  await Promise.all(caches.map((cache) => cache.start()));
  const readAll = () => Promise.all(caches.map((cache) => cache.get<number>('price')));
  await caches[0].set('price', 10);
  // Let the invalidation reach the other instances first: a read racing it is (correctly) not kept locally.
  await sleep(100);
  const firstReads = await readAll();
  const cachedSizes = caches.map((cache) => cache.localSize());
  await caches[0].set('price', 12);
  const dropped = await eventually(() => caches[1].localSize() === 0 && caches[2].localSize() === 0);
  const secondReads = await readAll();
  await (clients[0] as unknown as { call(...args: string[]): Promise<unknown> }).call('CLIENT', 'KILL', 'TYPE', 'pubsub');
  const clearedAfterReconnect = await eventually(() => caches.every((cache) => cache.localSize() === 0));
  await sleep(300);
  await readAll();
  await caches[2].set('price', 14);
  const droppedAfterReconnect = await eventually(() => caches[0].localSize() === 0 && caches[1].localSize() === 0);
  const thirdReads = await readAll();
  await caches[1].delete('price');
  const deleted = await eventually(async () => (await readAll()).every((value) => value === null));
  await caches[0].set('ttl-check', 1);
  const ttl = await clients[0].ttl(caches[0].key('ttl-check'));
  await Promise.all(caches.map((cache) => cache.close()));
  await report({ firstReads, cachedSizes, dropped, secondReads, clearedAfterReconnect, droppedAfterReconnect, thirdReads, deleted, ttl });
});
`;

export const TYPESCRIPT_STRUCTURE_DRIVERS: Record<string, string> = { sessionStore, leaderboard, delayedJobs, uniqueCounters, timeSeriesEvents, pubsubInvalidation };
