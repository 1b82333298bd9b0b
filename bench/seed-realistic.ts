/**
 * Fills a Redis server with exactly 1,000,000 keys of a realistic application mix: caches with and without
 * TTL, session hashes, profiles, rate-limit counters, feeds as lists, tag sets, locks, counters, leaderboards,
 * plus big keys (a 200k-member sorted set, a 100k-element list, a 100k-field hash, a 50k-entry stream and a
 * 5 MB string). Commands are written as RESP and loaded with `redis-cli --pipe` (seconds, not minutes).
 * Every TTL is at least 50 minutes, so no key expires while a benchmark runs.
 *
 *   npx tsx bench/seed-realistic.ts --port 6379 [--scale 0.1]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../test/helpers/seededRandom';

export const TOTAL_KEYS = 1_000_000;

function resp(args: Array<string | number>): string {
  let out = `*${args.length}\r\n`;
  for (const arg of args) {
    const text = String(arg);
    out += `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
  }
  return out;
}

/** Key counts of the mix at scale 1 (the big keys come on top; counters fill up to the total). */
export const MIX = {
  'cache:page (string, TTL)': 150_000,
  'cache:api (string, no TTL)': 100_000,
  'session (hash, TTL)': 150_000,
  'user:*:profile (hash)': 150_000,
  'ratelimit (int string, TTL)': 150_000,
  'feed (list)': 50_000,
  'tags (set)': 50_000,
  'lock (string, TTL)': 20_000,
  'leaderboard (zset)': 1_000,
};

export function seedCommands(scale = 1): string[] {
  const rnd = seededRandom(42); // the same data on every seeded server
  const n = (count: number) => Math.round(count * scale);
  const text = (length: number) => 'x'.repeat(length);
  const hex = () => Math.floor(rnd() * 2 ** 48).toString(16).padStart(12, '0');
  const chunks: string[] = [];
  let keys = 0;
  let buffer = '';
  const emit = (args: Array<string | number>, newKey = true) => {
    buffer += resp(args);
    if (newKey) keys++;
    if (buffer.length > 4_000_000) {
      chunks.push(buffer);
      buffer = '';
    }
  };
  for (let i = 0; i < n(MIX['cache:page (string, TTL)']); i++) emit(['SET', `cache:page:${hex()}${i}`, text(200 + Math.floor(rnd() * 600)), 'EX', 3000 + Math.floor(rnd() * 80000)]);
  for (let i = 0; i < n(MIX['cache:api (string, no TTL)']); i++) emit(['SET', `cache:api:v2:${i}`, text(100 + Math.floor(rnd() * 200))]);
  for (let i = 0; i < n(MIX['session (hash, TTL)']); i++) {
    const key = `session:${hex()}${i.toString(36)}`;
    emit(['HSET', key, 'user', i, 'created', 1700000000 + i, 'ip', '10.0.0.1', 'agent', text(40), 'csrf', hex()]);
    emit(['EXPIRE', key, 3000 + Math.floor(rnd() * 600000)], false);
  }
  for (let i = 0; i < n(MIX['user:*:profile (hash)']); i++) {
    emit(['HSET', `user:${i}:profile`, 'name', `user ${i}`, 'email', `u${i}@example.com`, 'plan', 'free', 'bio', text(Math.floor(rnd() * 120)), 'country', 'DE', 'age', 20 + (i % 50)]);
  }
  for (let i = 0; i < n(MIX['ratelimit (int string, TTL)']); i++) emit(['SET', `ratelimit:${i % 60000}:${Math.floor(i / 60000)}`, Math.floor(rnd() * 100), 'EX', 3000 + (i % 500)]);
  for (let i = 0; i < n(MIX['feed (list)']); i++) {
    const items = Array.from({ length: 10 + Math.floor(rnd() * 40) }, (_, j) => `post:${i * 7 + j}`);
    emit(['RPUSH', `feed:${i}`, ...items]);
  }
  for (let i = 0; i < n(MIX['tags (set)']); i++) {
    const members = Array.from({ length: 5 + Math.floor(rnd() * 15) }, (_, j) => (i % 2 === 0 ? String(j * 13 + i) : `tag-${j}-${i % 97}`));
    emit(['SADD', `tags:post:${i}`, ...members]);
  }
  for (let i = 0; i < n(MIX['lock (string, TTL)']); i++) emit(['SET', `lock:order:${i}`, hex(), 'EX', 3300]);
  for (let i = 0; i < n(MIX['leaderboard (zset)']); i++) {
    const args: Array<string | number> = ['ZADD', `leaderboard:game${i}`];
    for (let j = 0; j < 50; j++) args.push(Math.floor(rnd() * 100000), `player${j}`);
    emit(args);
  }
  // Big keys.
  for (let start = 0; start < 200_000; start += 1000) {
    const args: Array<string | number> = ['ZADD', 'leaderboard:global'];
    for (let j = start; j < start + 1000; j++) args.push(j, `player:${j}`);
    emit(args, start === 0);
  }
  for (let start = 0; start < 100_000; start += 1000) emit(['RPUSH', 'events:log', ...Array.from({ length: 1000 }, (_, j) => `event ${start + j} ${text(20)}`)], start === 0);
  for (let start = 0; start < 100_000; start += 1000) {
    const args: Array<string | number> = ['HSET', 'index:email-to-user'];
    for (let j = start; j < start + 1000; j++) args.push(`u${j}@example.com`, j);
    emit(args, start === 0);
  }
  for (let j = 0; j < 50_000; j++) emit(['XADD', 'stream:orders', '*', 'order', j, 'amount', j % 1000], j === 0);
  emit(['SET', 'blob:catalog:export', text(5 * 1024 * 1024)]);
  // Counters fill the keyspace up to exactly the total.
  const target = Math.round(TOTAL_KEYS * scale);
  for (let i = 0; keys < target; i++) emit(['SET', `counter:views:${i}`, i]);
  chunks.push(buffer);
  return chunks;
}

/** Seed the server on 127.0.0.1:port (FLUSHALL first). Returns DBSIZE afterwards. */
export function seedRealistic(port: number, scale = 1, cli = process.env.REDIS_CLI_BIN ?? '/usr/bin/redis-cli'): number {
  spawnSync(cli, ['-p', String(port), 'FLUSHALL']);
  const dir = mkdtempSync(join(tmpdir(), 'redis-review-seed-'));
  try {
    const file = join(dir, 'seed.resp');
    writeFileSync(file, seedCommands(scale).join(''));
    const result = spawnSync('sh', ['-c', `${cli} -p ${port} --pipe < ${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`redis-cli --pipe failed: ${result.stderr || result.stdout}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return Number(spawnSync(cli, ['-p', String(port), 'DBSIZE'], { encoding: 'utf8' }).stdout.trim());
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const port = Number(args[args.indexOf('--port') + 1] || 6379);
  const scale = args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 1;
  const started = Date.now();
  const dbsize = seedRealistic(port, scale);
  process.stdout.write(`Seeded 127.0.0.1:${port} with ${dbsize} keys in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
