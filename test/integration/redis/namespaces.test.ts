/** Namespace tree data over a seeded keyspace: counts match a direct SCAN; binary keys are listed and deleted exactly. */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayKey, keyToBase64 } from '../../../src/core/keys/keyBytes';
import { emptyGrouping, groupKeys } from '../../../src/core/keys/namespaceGrouping';
import { newProfile } from '../../../src/core/connection/profile';
import { RedisSession } from '../../../src/redis/connection/redisSession';
import { expireKey, persistKey, renameKey, unlinkKey } from '../../../src/redis/keyOperations';
import { keyMetadata, scanKeyPage, type ScanCursor } from '../../../src/redis/namespaces';
import { startStandalone, type Standalone } from '../../helpers/redisServers';

let server: Standalone;
let session: RedisSession;
let admin: Redis;
const NAMESPACES = { 'user:': 40_000, 'session:': 30_000, 'cache:page:': 20_000, 'cache:api:': 10_000 };
const BINARY = [Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0x0a, 0xff, 0x00, 0x41]), Buffer.from([0x62, 0x69, 0x6e, 0x3a, 0xfe, 0x0a])];

beforeAll(async () => {
  server = await startStandalone();
  admin = new Redis(server.port, '127.0.0.1');
  for (const [prefix, count] of Object.entries(NAMESPACES)) {
    for (let start = 0; start < count; start += 5000) {
      const pipeline = admin.pipeline();
      for (let i = start; i < Math.min(count, start + 5000); i++) pipeline.set(`${prefix}${i}:v`, '1');
      await pipeline.exec();
    }
  }
  await admin.set('plain', '1');
  for (const key of BINARY) await admin.set(key, 'b');
  session = await RedisSession.open(newProfile({ id: 'n', port: server.port, connectTimeoutMs: 3000 }), {});
}, 120_000);
afterAll(async () => {
  await session?.close();
  admin?.disconnect();
  await server?.stop();
});

/** What the tree shows at the root after pressing "Load more…" until done. */
async function rootCounts(delimiters: string[]): Promise<Map<string, number>> {
  const grouping = emptyGrouping();
  let cursor: ScanCursor | undefined;
  let pages = 0;
  do {
    const page = await scanKeyPage(session.client, { cursor, pageSize: 5000 });
    expect(page.errors).toEqual([]);
    groupKeys(page.keys, new Uint8Array(), delimiters.map((d) => Buffer.from(d)), grouping);
    cursor = page.next;
    pages++;
  } while (cursor);
  expect(pages).toBeGreaterThan(1);
  const counts = new Map([...grouping.namespaces.values()].map((n) => [n.label, n.count]));
  counts.set('(keys)', grouping.leaves.length);
  return counts;
}

describe('namespace listing', () => {
  it('counts per namespace match a direct SCAN of 100k keys', async () => {
    const direct = new Map<string, number>();
    for await (const batch of admin.scanBufferStream({ count: 1000 })) {
      for (const key of batch as Buffer[]) {
        const text = key.toString('latin1');
        const at = text.indexOf(':');
        const label = at < 0 ? '(keys)' : displayKey(key.subarray(0, at));
        direct.set(label, (direct.get(label) ?? 0) + 1);
      }
    }
    const counts = await rootCounts([':']);
    expect(counts).toEqual(direct);
    expect(counts.get('user')).toBe(40_000);
    expect(counts.get('cache')).toBe(30_000);
    expect(counts.get('bin')).toBe(2);
  });

  it('lists one level below a prefix, with several delimiters', async () => {
    const grouping = emptyGrouping();
    const prefix = Buffer.from('cache:');
    let cursor: ScanCursor | undefined;
    do {
      const page = await scanKeyPage(session.client, { prefix, cursor, pageSize: 10_000 });
      groupKeys(page.keys, prefix, [Buffer.from(':'), Buffer.from('/')], grouping);
      cursor = page.next;
    } while (cursor);
    expect(new Map([...grouping.namespaces.values()].map((n) => [n.label, n.count]))).toEqual(new Map([['page:', 20_000], ['api:', 10_000]]));
  });

  it('lists binary keys exactly, shows them with escapes, and deletes exactly those bytes', async () => {
    const page = await scanKeyPage(session.client, { prefix: Buffer.from('bin:'), pageSize: 100, count: 10_000 });
    let keys = page.keys;
    let cursor = page.next;
    while (cursor) {
      const more = await scanKeyPage(session.client, { prefix: Buffer.from('bin:'), cursor, count: 10_000 });
      keys = keys.concat(more.keys);
      cursor = more.next;
    }
    expect(keys.map(keyToBase64).sort()).toEqual(BINARY.map(keyToBase64).sort());
    expect(keys.map(displayKey).sort()).toEqual(['bin:\\n\\xff\\x00A', 'bin:\\xfe\\n'].sort());
    const meta = await keyMetadata(session.client, keys);
    expect(meta.map((m) => m.type)).toEqual(['string', 'string']);
    expect(await unlinkKey(session.client, BINARY[0])).toBe(true);
    expect(await admin.exists(BINARY[0])).toBe(0);
    expect(await admin.exists(BINARY[1])).toBe(1);
  });

  it('sets and removes a TTL and renames without overwriting', async () => {
    const key = Buffer.from('plain');
    expect(await expireKey(session.client, key, 100)).toBe(true);
    expect((await keyMetadata(session.client, [key]))[0].pttl).toBeGreaterThan(90_000);
    expect(await persistKey(session.client, key)).toBe(true);
    expect(await admin.ttl('plain')).toBe(-1);
    expect(await renameKey(session.client, key, Buffer.from('user:0:v'))).toBe('target-exists');
    expect(await renameKey(session.client, key, Buffer.from('renamed'))).toBe('renamed');
    expect(await admin.get('renamed')).toBe('1');
  });
});
