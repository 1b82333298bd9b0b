/**
 * Seeds a Redis server with a small realistic dataset for the demo: sessions, caches with and without TTL,
 * a leaderboard, a job list, a stream with a consumer group, rate-limit counters and a few binary keys.
 * Usage: npx tsx scripts/seed-demo.ts redis://127.0.0.1:6390
 */
import Redis from 'ioredis';

/** Writes the demo dataset through `redis` (also used by the tests that check what the demo shows). */
export async function seedDemo(redis: Redis): Promise<number> {
  const pipeline = redis.pipeline();
  for (let i = 0; i < 400; i++) {
    pipeline.hset(`session:${1000 + i}`, { user: `user:${i % 150}`, agent: 'Mozilla/5.0', csrf: `t${i}`, created: String(1_700_000_000 + i) });
    // Some sessions were written without expiry: the kind of leak the review and the analysis point at.
    if (i % 5 !== 0) pipeline.expire(`session:${1000 + i}`, 1800 + i);
  }
  for (let i = 0; i < 600; i++) {
    const profile = JSON.stringify({ id: i, name: `User ${i}`, plan: i % 7 === 0 ? 'pro' : 'free', tags: ['a', 'b'] });
    if (i % 3 === 0) pipeline.set(`cache:profile:${i}`, profile);
    else pipeline.set(`cache:profile:${i}`, profile, 'EX', 300 + i);
  }
  for (let i = 0; i < 200; i++) pipeline.zadd('leaderboard:weekly', Math.round(Math.random() * 10_000), `player:${i}`);
  for (let i = 0; i < 150; i++) pipeline.rpush('queue:emails', JSON.stringify({ to: `user${i}@example.com`, template: 'welcome' }));
  for (let i = 0; i < 300; i++) pipeline.xadd('events:clicks', '*', 'user', `user:${i % 50}`, 'page', `/p/${i % 12}`);
  for (let i = 0; i < 100; i++) pipeline.set(`ratelimit:api:user:${i}`, String(i % 30), 'EX', 60);
  for (let i = 0; i < 40; i++) pipeline.sadd(`tags:article:${i}`, 'redis', 'cache', `topic-${i % 5}`);
  pipeline.set(Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x00, 0x01]), Buffer.from([0, 1, 2, 3, 255]));
  pipeline.set('feature-flags', JSON.stringify({ newCheckout: true, darkMode: false }));
  await pipeline.exec();
  await redis.xgroup('CREATE', 'events:clicks', 'analytics', '0').catch(() => undefined);
  await redis.xreadgroup('GROUP', 'analytics', 'worker-1', 'COUNT', 25, 'STREAMS', 'events:clicks', '>');
  return redis.dbsize();
}

async function main(url: string): Promise<void> {
  const redis = new Redis(url);
  const size = await seedDemo(redis);
  console.log(`seeded ${size} keys into ${url.replace(/\/\/[^@]*@/, '//')}`);
  redis.disconnect();
}

if (process.argv[1] && /seed-demo\.[cm]?[tj]s$/.test(process.argv[1])) {
  main(process.argv[2] ?? 'redis://127.0.0.1:6379').catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
