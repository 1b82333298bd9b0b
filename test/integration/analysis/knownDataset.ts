/** The known dataset the analysis integration tests seed: 205 keys whose types, TTLs and encodings are fixed. */
import type { Cluster, Redis } from 'ioredis';

export const KNOWN_DATASET_KEYS = 205;

const DAY = 86_400;

type Op = [string, ...Array<string | number>];

function datasetCommands(prefix: string): Op[] {
  const ops: Op[] = [];
  for (let i = 1; i <= 50; i++) ops.push(['HSET', `${prefix}user:${i}:profile`, 'name', `user ${i}`, 'plan', 'free', 'country', 'DE']);
  for (let i = 1; i <= 20; i++) ops.push(['RPUSH', `${prefix}user:${i}:feed`, 'p1', 'p2', 'p3', 'p4', 'p5']);
  for (let i = 0; i < 30; i++) {
    const key = `${prefix}session:${(0xabc000 + i).toString(16)}f00d`;
    ops.push(['HSET', key, 'user', String(i), 'ip', '10.0.0.1'], ['EXPIRE', key, 1800]);
  }
  for (let i = 0; i < 40; i++) ops.push(['SET', `${prefix}cache:page:${1000 + i}`, 'rendered page html', 'EX', 7200]);
  for (let i = 0; i < 25; i++) ops.push(['SET', `${prefix}cache:api:v2:${i}`, 'j'.repeat(100)]);
  for (let i = 0; i < 10; i++) ops.push(['SADD', `${prefix}tags:post:${i}`, '1', '2', '3', String(100 + i)]);
  for (let i = 10; i < 20; i++) ops.push(['SADD', `${prefix}tags:post:${i}`, 'redis', 'memory', 'cache']);
  const members: Array<string | number> = [];
  for (let j = 0; j < 200; j++) members.push(j, `player:${j}`);
  ops.push(['ZADD', `${prefix}lb:global`, ...members]);
  for (let j = 0; j < 10; j++) ops.push(['XADD', `${prefix}stream:orders`, '*', 'order', String(j)]);
  for (let i = 0; i < 15; i++) ops.push(['SET', `${prefix}counter:views:${i}`, 1000 + i, 'EX', 3 * DAY]);
  ops.push(['SET', `${prefix}lock:x`, 'owner', 'EX', 8 * DAY], ['SET', `${prefix}plain`, 'v'], ['SET', `${prefix}plain2`, 'w']);
  return ops;
}

/** Writes the dataset through a standalone client (one pipeline) or a Cluster client (routed per key). */
export async function seedKnownDataset(client: Redis | Cluster, prefix = ''): Promise<void> {
  const ops = datasetCommands(prefix);
  if ((client as Cluster).isCluster) {
    for (const [command, ...args] of ops) await client.call(command, ...args);
    return;
  }
  const pipeline = (client as Redis).pipeline();
  for (const [command, ...args] of ops) pipeline.call(command, ...args);
  const failed = ((await pipeline.exec()) ?? []).find(([error]) => error);
  if (failed) throw failed[0];
}
