/** The key browser's Redis layer against a real standalone server: scan, metadata, value paging, edits, stats. */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { KeyScan } from '../../../src/redis/browse/scanKeys';
import { keyMeta } from '../../../src/redis/browse/keyMeta';
import { readCollection, readHashField, readString } from '../../../src/redis/browse/readValue';
import { readStream, streamGroups } from '../../../src/redis/browse/readStream';
import { applyEdit, ReadOnlyError } from '../../../src/redis/browse/editKey';
import { exportValue } from '../../../src/redis/browse/exportValue';
import { memoryDoctor, readActivity, readStats, resetSlowlog } from '../../../src/redis/browse/serverStats';
import { fromWire, toWire } from '../../../src/redis/browse/wireBytes';
import { LIMITS } from '../../../src/shared/protocol';

let server: Standalone;
let client: Redis;
const binaryKey = Buffer.from([0x62, 0x69, 0x6e, 0xff, 0x00, 0xfe]);

beforeAll(async () => {
  server = await startStandalone();
  client = new Redis(server.port, '127.0.0.1');
  await client.call('DEBUG', 'POPULATE', '5000', 'pop');
  await client.hset('user:1', 'name', 'Ada', 'lang', 'en');
  await client.rpush('queue:jobs', 'a', 'b', 'c');
  await client.sadd('tags', 'x', 'y');
  await client.zadd('board', 1, 'low', 5, 'high');
  await client.xadd('events', '*', 'kind', 'click');
  await client.xadd('events', '*', 'kind', 'view');
  await client.xgroup('CREATE', 'events', 'workers', '0');
  await client.xreadgroup('GROUP', 'workers', 'w1', 'COUNT', '1', 'STREAMS', 'events', '>');
  await client.set(binaryKey, Buffer.from([0xde, 0xad, 0xbe, 0xef]));
  await client.set('ttl:key', 'v', 'EX', 1000);
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

async function scanAll(pattern: string, type: string): Promise<Buffer[]> {
  const scan = new KeyScan([client], { pattern, type });
  const keys: Buffer[] = [];
  for (;;) {
    const step = await scan.step(10_000);
    keys.push(...step.keys);
    if (step.done) {
      expect(step.scanned).toBe(step.total);
      return keys;
    }
  }
}

describe('KeyScan', () => {
  it('returns every key exactly once, binary keys intact', async () => {
    const keys = await scanAll('*', '');
    expect(keys.length).toBe(await client.dbsize());
    expect(new Set(keys.map((key) => key.toString('latin1'))).size).toBe(keys.length);
    expect(keys.some((key) => key.equals(binaryKey))).toBe(true);
  });

  it('filters by MATCH pattern and by TYPE', async () => {
    const users = await scanAll('user:*', '');
    expect(users.map(String)).toEqual(['user:1']);
    const streams = await scanAll('*', 'stream');
    expect(streams.map(String)).toEqual(['events']);
  });

  it('stops a step at the wanted count and continues from its cursor', async () => {
    const scan = new KeyScan([client], { pattern: 'pop:*', type: '' });
    const first = await scan.step(100);
    expect(first.keys.length).toBeGreaterThanOrEqual(100);
    expect(first.done).toBe(false);
    expect(first.total).toBe(await client.dbsize());
    expect(first.scanned).toBeLessThan(first.total);
    let count = first.keys.length;
    while (!scan.done) count += (await scan.step(1000)).keys.length;
    expect(count).toBe(5000);
  });
});

describe('keyMeta', () => {
  it('reports type, TTL, memory and length for each key, and -2 for a vanished key', async () => {
    const meta = await keyMeta(client, [Buffer.from('user:1'), Buffer.from('queue:jobs'), Buffer.from('ttl:key'), Buffer.from('missing'), binaryKey]);
    expect(meta.map((row) => row.type)).toEqual(['hash', 'list', 'string', 'none', 'string']);
    expect(meta[0].length).toBe(2);
    expect(meta[1].length).toBe(3);
    expect(meta[0].ttlMs).toBe(-1);
    expect(meta[2].ttlMs).toBeGreaterThan(900_000);
    expect(meta[3].ttlMs).toBe(-2);
    expect(meta[0].memory).toBeGreaterThan(0);
    expect(fromWire(meta[4].key).equals(binaryKey)).toBe(true);
    expect(meta[4].key.startsWith('b')).toBe(true);
  });
});

describe('value reads', () => {
  it('loads a prefix of a large string and refuses "load all" beyond the limit', async () => {
    const big = Buffer.alloc(LIMITS.maxLoadAllBytes + 10, 0x61);
    await client.set('big:string', big);
    const preview = await readString(client, Buffer.from('big:string'), false);
    expect(preview.truncated).toBe(true);
    expect(preview.totalBytes).toBe(big.length);
    expect(fromWire(preview.value).length).toBe(LIMITS.stringPreviewBytes);
    await expect(readString(client, Buffer.from('big:string'), true)).rejects.toThrow(/Export it to a file/);
    const exported = await exportValue(client, Buffer.from('big:string'));
    expect(exported.bytes.equals(big)).toBe(true);
  });

  it('pages a hash with HSCAN, filters inside it, and cuts oversized cells', async () => {
    const fields: string[] = [];
    for (let i = 0; i < 1000; i++) fields.push(`f${i}`, `v${i}`);
    await client.hset('big:hash', ...fields, 'huge', 'x'.repeat(10_000));
    const seen = new Set<string>();
    let cursor: string | null = '0';
    while (cursor !== null) {
      const page = await readCollection(client, { key: toWire(Buffer.from('big:hash')), type: 'hash', cursor, match: '', count: 100 });
      for (const item of page.items) seen.add(item.item);
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(1001);
    const filtered = await readCollection(client, { key: 'tbig:hash', type: 'hash', cursor: '0', match: 'hug*', count: 5000 });
    expect(filtered.items).toHaveLength(1);
    expect(filtered.items[0].fullBytes).toBe(10_000);
    expect(fromWire(filtered.items[0].value!).length).toBe(LIMITS.cellPreviewBytes);
    const full = await readHashField(client, Buffer.from('big:hash'), Buffer.from('huge'));
    expect(fromWire(full.value).length).toBe(10_000);
  });

  it('pages a list by index and a sorted set by rank with scores', async () => {
    const list = await readCollection(client, { key: 'tqueue:jobs', type: 'list', cursor: '1', match: '', count: 10 });
    expect(list.items.map((item) => [item.index, item.item])).toEqual([[1, 'tb'], [2, 'tc']]);
    expect(list.nextCursor).toBeNull();
    const zset = await readCollection(client, { key: 'tboard', type: 'zset', cursor: '0', match: '', count: 1 });
    expect(zset.items).toEqual([{ item: 'tlow', score: '1', index: 0 }]);
    expect(zset.nextCursor).toBe('1');
    const filtered = await readCollection(client, { key: 'tboard', type: 'zset', cursor: '0', match: 'hi*', count: 10 });
    expect(filtered.items).toEqual([{ item: 'thigh', score: '5' }]);
  });

  it('pages a stream newest first and lists its group, consumer and pending count', async () => {
    const first = await readStream(client, Buffer.from('events'), null, 1);
    expect(first.entries[0].fields).toEqual([['tkind', 'tview']]);
    const second = await readStream(client, Buffer.from('events'), first.nextBefore, 1);
    expect(second.entries[0].fields).toEqual([['tkind', 'tclick']]);
    const groups = await streamGroups(client, Buffer.from('events'));
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ name: 'workers', pending: 1, consumers: [{ name: 'w1', pending: 1 }] });
  });
});

describe('edits', () => {
  const target = () => ({ client, readOnly: false });
  it('applies each edit with one command, binary-safe', async () => {
    await applyEdit(target(), Buffer.from('user:1'), { op: 'hashSet', field: 'tname', value: 'tGrace' });
    expect(await client.hget('user:1', 'name')).toBe('Grace');
    await applyEdit(target(), Buffer.from('user:1'), { op: 'hashDelete', field: 'tlang' });
    expect(await client.hexists('user:1', 'lang')).toBe(0);
    await applyEdit(target(), binaryKey, { op: 'setString', value: toWire(Buffer.from([1, 2, 0xff])) });
    expect((await client.getBuffer(binaryKey))!.equals(Buffer.from([1, 2, 0xff]))).toBe(true);
    await applyEdit(target(), Buffer.from('queue:jobs'), { op: 'listPush', end: 'head', value: 'tz' });
    await applyEdit(target(), Buffer.from('queue:jobs'), { op: 'listSet', index: 1, value: 'tA' });
    await applyEdit(target(), Buffer.from('queue:jobs'), { op: 'listRemove', value: 'tc', count: 0 });
    expect(await client.lrange('queue:jobs', 0, -1)).toEqual(['z', 'A', 'b']);
    await applyEdit(target(), Buffer.from('tags'), { op: 'setAdd', member: 'tw' });
    await applyEdit(target(), Buffer.from('tags'), { op: 'setRemove', member: 'tx' });
    expect((await client.smembers('tags')).sort()).toEqual(['w', 'y']);
    await applyEdit(target(), Buffer.from('board'), { op: 'zsetAdd', member: 'tmid', score: 2.5 });
    await applyEdit(target(), Buffer.from('board'), { op: 'zsetRemove', member: 'tlow' });
    expect(await client.call('ZRANGE', 'board', '0', '-1', 'WITHSCORES')).toEqual([['mid', '2.5'], ['high', '5']]);
    await applyEdit(target(), Buffer.from('events'), { op: 'streamAdd', fields: [['tkind', 'tbuy']] });
    expect(await client.xlen('events')).toBe(3);
    await applyEdit(target(), Buffer.from('tags'), { op: 'expire', seconds: 100 });
    expect(await client.ttl('tags')).toBeGreaterThan(90);
    await applyEdit(target(), Buffer.from('tags'), { op: 'persist' });
    expect(await client.ttl('tags')).toBe(-1);
    await applyEdit(target(), Buffer.from('tags'), { op: 'rename', newKey: 'ttags:renamed' });
    expect(await client.exists('tags:renamed')).toBe(1);
    await expect(applyEdit(target(), Buffer.from('tags:renamed'), { op: 'rename', newKey: 'tuser:1' })).rejects.toThrow(/already exists/);
    await applyEdit(target(), Buffer.from('tags:renamed'), { op: 'delete' });
    expect(await client.exists('tags:renamed')).toBe(0);
  });

  it('refuses every edit on a read-only target without sending it', async () => {
    const monitorBefore = await client.hget('user:1', 'name');
    await expect(applyEdit({ client, readOnly: true }, Buffer.from('user:1'), { op: 'hashSet', field: 'tname', value: 'tEvil' })).rejects.toThrow(ReadOnlyError);
    await expect(applyEdit({ client, readOnly: true }, Buffer.from('user:1'), { op: 'delete' })).rejects.toThrow(ReadOnlyError);
    await expect(resetSlowlog({ client, readOnly: true })).rejects.toThrow(ReadOnlyError);
    expect(await client.hget('user:1', 'name')).toBe(monitorBefore);
    expect(await client.exists('user:1')).toBe(1);
  });
});

describe('server stats', () => {
  it('matches INFO and MEMORY STATS of the same moment', async () => {
    const stats = await readStats(client, 'local');
    const info = await client.info('keyspace');
    const keys = Number(/keys=(\d+)/.exec(info)![1]);
    expect(stats.nodes).toHaveLength(1);
    expect(stats.totals.keys).toBe(keys);
    expect(stats.nodes[0].maxMemory).toBe(0);
    expect(stats.nodes[0].evictionPolicy).toBe('noeviction');
    expect(stats.nodes[0].datasetBytes).toBeGreaterThan(0);
    expect(stats.nodes[0].usedMemory).toBeGreaterThan(stats.nodes[0].datasetBytes! / 2);
    expect(stats.nodes[0].role).toBe('master');
    const [doctor] = await memoryDoctor(client, 'local');
    expect(doctor.node).toBe('local');
    expect(doctor.serverText).toMatch(/Sam/);
    expect(['too-little-data', 'healthy', 'issues']).toContain(doctor.verdict);
  });

  it('reads slowlog, commandstats and clients, and resets the slowlog', async () => {
    await client.config('SET', 'slowlog-log-slower-than', '0');
    await client.get('anything');
    const activity = await readActivity(client, 50, 'local');
    await client.config('SET', 'slowlog-log-slower-than', '10000');
    expect(activity.slowlog.some((entry) => entry.args[0]?.toLowerCase() === 'get' && entry.args[1] === 'anything')).toBe(true);
    expect(activity.commands.find((row) => row.command === 'hset')?.calls).toBeGreaterThan(0);
    expect(activity.clients.length).toBeGreaterThanOrEqual(1);
    expect(activity.clients[0].addr).toMatch(/127\.0\.0\.1:\d+/);
    await resetSlowlog({ client, readOnly: false });
    expect(Number(await client.call('SLOWLOG', 'LEN'))).toBeLessThanOrEqual(1);
  });
});
