/**
 * Fills a real server with keys of every type × encoding × size range (names say which: "case:<name>:<i>"),
 * and reads back what the server says about each key (TYPE, OBJECT ENCODING, length, MEMORY USAGE SAMPLES 0,
 * PTTL), so RDB tests compare the parser and the size model with the server itself.
 */
import type Redis from 'ioredis';

/** A deterministic pseudo-random generator (mulberry32), so failures reproduce. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Text of `length` characters that LZF cannot shrink (so the RDB holds it uncompressed) or can (repeated). */
function text(random: () => number, length: number, compressible = false): string {
  if (compressible) return 'abcdefgh'.repeat(Math.ceil(length / 8)).slice(0, length);
  let out = '';
  while (out.length < length) out += Math.floor(random() * 2 ** 32).toString(36);
  return out.slice(0, length);
}

export interface FillCase {
  name: string;
  type: string;
  /** Keys of this case. */
  count: number;
  fill(client: Redis, key: string, random: () => number): Promise<unknown>;
}

const sizes = (min: number, max: number, random: () => number) => min + Math.floor(random() * (max - min + 1));

async function rpushAll(client: Redis, key: string, values: string[]): Promise<void> {
  for (let i = 0; i < values.length; i += 1000) await client.rpush(key, ...values.slice(i, i + 1000));
}

async function saddAll(client: Redis, key: string, values: string[]): Promise<void> {
  for (let i = 0; i < values.length; i += 1000) await client.sadd(key, ...values.slice(i, i + 1000));
}

async function zaddAll(client: Redis, key: string, members: string[], random: () => number): Promise<void> {
  for (let i = 0; i < members.length; i += 1000) {
    const args: Array<string | number> = [];
    for (const member of members.slice(i, i + 1000)) args.push(Math.round(random() * 1e6) / 100, member);
    await client.zadd(key, ...args);
  }
}

async function hsetAll(client: Redis, key: string, fields: Array<[string, string]>): Promise<void> {
  for (let i = 0; i < fields.length; i += 1000) await client.hset(key, Object.fromEntries(fields.slice(i, i + 1000)));
}

const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** Every type × encoding × size range of Redis 7.0 with default thresholds. */
export const FILL_CASES: FillCase[] = [
  { name: 'int-small', type: 'string', count: 30, fill: (c, k, r) => c.set(k, String(Math.floor(r() * 10000))) },
  { name: 'int-big', type: 'string', count: 30, fill: (c, k, r) => c.set(k, String(-Math.floor(r() * 1e15))) },
  { name: 'int-64bit', type: 'string', count: 10, fill: (c, k, r) => c.set(k, String(9e18 + Math.floor(r() * 1e17)).slice(0, 19)) },
  { name: 'embstr', type: 'string', count: 60, fill: (c, k, r) => c.set(k, text(r, sizes(1, 44, r))) },
  { name: 'raw-small', type: 'string', count: 40, fill: (c, k, r) => c.set(k, text(r, sizes(45, 300, r))) },
  { name: 'raw-medium', type: 'string', count: 20, fill: (c, k, r) => c.set(k, text(r, sizes(301, 20000, r))) },
  { name: 'raw-big', type: 'string', count: 4, fill: (c, k, r) => c.set(k, text(r, sizes(40000, 300000, r))) },
  { name: 'raw-lzf', type: 'string', count: 10, fill: (c, k, r) => c.set(k, text(r, sizes(100, 5000, r), true)) },
  { name: 'list-small', type: 'list', count: 30, fill: (c, k, r) => rpushAll(c, k, many(sizes(1, 20, r), () => text(r, sizes(1, 30, r)))) },
  { name: 'list-ints', type: 'list', count: 10, fill: (c, k, r) => rpushAll(c, k, many(sizes(10, 500, r), () => String(Math.floor(r() * 1e9)))) },
  { name: 'list-big', type: 'list', count: 6, fill: (c, k, r) => rpushAll(c, k, many(sizes(1000, 30000, r), () => text(r, sizes(5, 60, r)))) },
  { name: 'list-wide', type: 'list', count: 4, fill: (c, k, r) => rpushAll(c, k, many(sizes(5, 40, r), () => text(r, sizes(2000, 9000, r)))) },
  { name: 'set-intset', type: 'set', count: 20, fill: (c, k, r) => saddAll(c, k, many(sizes(1, 512, r), () => String(Math.floor(r() * 1e9)))) },
  { name: 'set-intset-wide', type: 'set', count: 5, fill: (c, k, r) => saddAll(c, k, many(sizes(1, 100, r), () => String(Math.floor(r() * 1e15)))) },
  { name: 'set-strings', type: 'set', count: 20, fill: (c, k, r) => saddAll(c, k, many(sizes(1, 200, r), () => text(r, sizes(1, 60, r)))) },
  { name: 'set-ints-many', type: 'set', count: 4, fill: (c, k, r) => saddAll(c, k, many(sizes(600, 5000, r), () => String(Math.floor(r() * 1e9)))) },
  { name: 'set-big', type: 'set', count: 3, fill: (c, k, r) => saddAll(c, k, many(sizes(5000, 40000, r), (i) => `m${i}:${text(r, sizes(1, 40, r))}`)) },
  { name: 'zset-listpack', type: 'zset', count: 30, fill: (c, k, r) => zaddAll(c, k, many(sizes(1, 128, r), () => text(r, sizes(1, 64, r))), r) },
  { name: 'zset-skiplist', type: 'zset', count: 10, fill: (c, k, r) => zaddAll(c, k, many(sizes(129, 5000, r), (i) => `m${i}:${text(r, sizes(1, 50, r))}`), r) },
  { name: 'zset-long-member', type: 'zset', count: 5, fill: (c, k, r) => zaddAll(c, k, [...many(sizes(1, 10, r), () => text(r, 10)), text(r, 100)], r) },
  { name: 'hash-listpack', type: 'hash', count: 40, fill: (c, k, r) => hsetAll(c, k, many(sizes(1, 128, r), (i) => [`f${i}`, text(r, sizes(1, 64, r))])) },
  { name: 'hash-hashtable', type: 'hash', count: 10, fill: (c, k, r) => hsetAll(c, k, many(sizes(129, 5000, r), (i) => [`field:${i}`, text(r, sizes(1, 100, r))])) },
  { name: 'hash-long-value', type: 'hash', count: 5, fill: (c, k, r) => hsetAll(c, k, [...many(sizes(1, 10, r), (i): [string, string] => [`f${i}`, 'v']), ['long', text(r, 200)]]) },
  {
    name: 'stream-small', type: 'stream', count: 10,
    fill: async (c, k, r) => {
      for (let i = sizes(1, 50, r); i > 0; i--) await c.xadd(k, '*', 'field', text(r, sizes(1, 40, r)), 'n', String(i));
    },
  },
  {
    name: 'stream-big', type: 'stream', count: 3,
    fill: async (c, k, r) => {
      const pipeline = c.pipeline();
      for (let i = sizes(500, 3000, r); i > 0; i--) pipeline.xadd(k, '*', 'field', text(r, sizes(1, 40, r)), 'n', String(i));
      await pipeline.exec();
    },
  },
  {
    name: 'stream-groups', type: 'stream', count: 4,
    fill: async (c, k, r) => {
      const pipeline = c.pipeline();
      for (let i = sizes(100, 800, r); i > 0; i--) pipeline.xadd(k, '*', 'field', text(r, 20));
      await pipeline.exec();
      for (const group of ['g1', 'g2']) {
        await c.xgroup('CREATE', k, group, '0');
        for (const consumer of ['alice', 'bob', 'carol']) await c.xreadgroup('GROUP', group, consumer, 'COUNT', sizes(1, 60, r), 'STREAMS', k, '>');
      }
    },
  },
];

/** Put every case's keys on the server; some keys get a TTL. Returns the key names. */
export async function fillEveryEncoding(client: Redis, seed = 7): Promise<string[]> {
  const random = prng(seed);
  const names: string[] = [];
  for (const fillCase of FILL_CASES) {
    for (let i = 0; i < fillCase.count; i++) {
      const key = `case:${fillCase.name}:${i}`;
      await fillCase.fill(client, key, random);
      if (i % 3 === 0) await client.pexpire(key, 3_600_000 + i);
      names.push(key);
    }
  }
  return names;
}

export interface ServerKeyFacts {
  type: string;
  encoding: string;
  length: number;
  memory: number;
  ttlMs: number;
}

/** What the server says about each key (exact MEMORY USAGE). */
export async function serverFacts(client: Redis, keys: string[]): Promise<Map<string, ServerKeyFacts>> {
  const facts = new Map<string, ServerKeyFacts>();
  for (const key of keys) {
    const type = await client.type(key);
    const lengthCommand = { string: 'strlen', list: 'llen', set: 'scard', zset: 'zcard', hash: 'hlen', stream: 'xlen' }[type]!;
    const [encoding, length, memory, ttlMs] = await Promise.all([
      client.call('OBJECT', 'ENCODING', key) as Promise<string>,
      client.call(lengthCommand, key) as Promise<number>,
      client.call('MEMORY', 'USAGE', key, 'SAMPLES', '0') as Promise<number>,
      client.pttl(key),
    ]);
    facts.set(key, { type, encoding, length, memory, ttlMs });
  }
  return facts;
}
