/** The known dataset the analysis integration tests seed: 205 keys whose types, TTLs and encodings are fixed. */
import type { Cluster, Redis } from 'ioredis';

export const KNOWN_DATASET_KEYS = 205;

const DAY = 86_400;

/** Writes the dataset; works through a standalone or a Cluster client (commands are single-key). */
export async function seedKnownDataset(client: Redis | Cluster, prefix = ''): Promise<void> {
  const p = client.pipeline();
  for (let i = 1; i <= 50; i++) p.hset(`${prefix}user:${i}:profile`, { name: `user ${i}`, plan: 'free', country: 'DE' });
  for (let i = 1; i <= 20; i++) p.rpush(`${prefix}user:${i}:feed`, 'p1', 'p2', 'p3', 'p4', 'p5');
  for (let i = 0; i < 30; i++) p.hset(`${prefix}session:${(0xabc000 + i).toString(16)}f00d`, { user: String(i), ip: '10.0.0.1' }).expire(`${prefix}session:${(0xabc000 + i).toString(16)}f00d`, 1800);
  for (let i = 0; i < 40; i++) p.set(`${prefix}cache:page:${1000 + i}`, 'rendered page html', 'EX', 7200);
  for (let i = 0; i < 25; i++) p.set(`${prefix}cache:api:v2:${i}`, 'j'.repeat(100));
  for (let i = 0; i < 10; i++) p.sadd(`${prefix}tags:post:${i}`, '1', '2', '3', String(100 + i));
  for (let i = 10; i < 20; i++) p.sadd(`${prefix}tags:post:${i}`, 'redis', 'memory', 'cache');
  const members: Array<string | number> = [];
  for (let j = 0; j < 200; j++) members.push(j, `player:${j}`);
  p.zadd(`${prefix}lb:global`, ...members);
  for (let j = 0; j < 10; j++) p.xadd(`${prefix}stream:orders`, '*', 'order', String(j));
  for (let i = 0; i < 15; i++) p.set(`${prefix}counter:views:${i}`, 1000 + i, 'EX', 3 * DAY);
  p.set(`${prefix}lock:x`, 'owner', 'EX', 8 * DAY);
  p.set(`${prefix}plain`, 'v');
  p.set(`${prefix}plain2`, 'w');
  const results = (await p.exec()) ?? [];
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}
