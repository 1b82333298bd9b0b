/**
 * `redis-review analyze --rdb FILE` against dumps of a real redis-server 7.0: the same report as the live
 * `--full --exact` analysis (per-type totals within ±3 %), every format, expired keys, LRU/LFU, and bad input
 * (truncated, CRC mismatch, unknown opcode or version) giving a partial report with the byte offset.
 */
import Redis from 'ioredis';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { fillEveryEncoding, serverFacts } from './everyEncoding';
import { saveAndRead, serverQuantum } from './rdbOfRealServer';

let server: Standalone;
let client: Redis;
let dir: string;
let dump: Buffer;
let names: string[];
const MARKER = 'marker-value-' + 'q'.repeat(100);

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

function writeDump(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  server = await startStandalone();
  client = new Redis({ port: server.port, host: '127.0.0.1', protocol: 2 } as never);
  dir = mkdtempSync(join(tmpdir(), 'rr-rdb-cli-'));
  names = await fillEveryEncoding(client);
  await client.set('marker', MARKER);
  await client.select(3);
  await client.set('in:db3', 'x');
  await client.select(0);
}, 300_000);

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('analyze --rdb', () => {
  // The live --exact analysis samples keys of more than 1,000 elements, so the reference for sizes is MEMORY USAGE
  // SAMPLES 0 of every key (what --exact means for small keys); key counts and encodings are compared with the live report.
  it('gives the live --full --exact report: same keys, types and encodings; per-type memory within ±3 % of MEMORY USAGE SAMPLES 0', async () => {
    const live = await cli('analyze', '--url', server.url, '--full', '--exact', '--format', 'json');
    expect(live.code, live.stderr).toBe(0);
    dump = await saveAndRead(client);
    const path = writeDump('dump.rdb', dump);
    // The file does not say how the server's allocator rounds; the server does, and the user passes it on.
    const quantum = await serverQuantum(client);
    const offline = await cli('analyze', '--rdb', path, '--format', 'json', '--allocator-quantum', String(quantum));
    expect(offline.code, offline.stderr).toBe(0);
    const liveReport = JSON.parse(live.stdout);
    const rdbReport = JSON.parse(offline.stdout);
    expect(rdbReport.complete).toBe(true);
    // The live analysis reads db 0 (the URL's); the file holds every database.
    expect(rdbReport.rdb.keysByDatabase).toEqual({ 0: liveReport.totalKeys, 3: 1 });
    const truth = await serverFacts(client, [...names, 'marker']);
    const exactByType: Record<string, number> = {};
    for (const facts of truth.values()) exactByType[facts.type] = (exactByType[facts.type] ?? 0) + facts.memory;
    for (const [type, live] of Object.entries<{ keys: number; memoryBytes: number }>(liveReport.byType)) {
      const offlineType = rdbReport.byType[type];
      expect(offlineType.keys - (type === 'string' ? 1 : 0), type).toBe(live.keys);
      const dbThree = type === 'string' ? 56 : 0;
      const error = (offlineType.memoryBytes - dbThree) / exactByType[type] - 1;
      console.log(`${type.padEnd(7)} rdb ${offlineType.memoryBytes - dbThree}  SAMPLES 0 ${exactByType[type]} (${(error * 100).toFixed(2)} %)  live --exact ${live.memoryBytes}`);
      expect(Math.abs(error), type).toBeLessThanOrEqual(0.03);
    }
    liveReport.encodings.string.embstr += 1; // the key in db 3
    expect(rdbReport.encodings).toEqual(liveReport.encodings);
    expect(rdbReport.rdb).toMatchObject({ source: 'file', rdbVersion: 10, expiredKeys: 0 });
    expect(rdbReport.rdb.redisVersion).toMatch(/^7\.0\./);
    expect(rdbReport.rdb.sizeModel).toContain(`${quantum}-byte quantum`);
    const bad = await cli('analyze', '--rdb', path, '--allocator-quantum', '12');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--allocator-quantum must be 8 or 16');
  });

  it('writes text and Markdown with the source named', async () => {
    const path = writeDump('formats.rdb', dump);
    const text = await cli('analyze', '--rdb', path);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Read from the RDB file formats.rdb');
    expect(text.stdout).toContain('By type:');
    const markdown = await cli('analyze', '--rdb', path, '--format', 'markdown', '--out', 'report.md');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toBe('');
  });

  it('counts keys already expired at the snapshot apart, and reports LRU idle times and LFU counters', async () => {
    await client.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    try {
      for (let i = 0; i < 5; i++) await client.set(`gone:${i}`, 'v', 'PX', 1);
      // TTLs are measured from the snapshot's ctime, which has whole seconds.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
      // A key idle for two hours: the file stores idle time in seconds (7200, the <1d bucket; 7,200,000 would be <30d).
      await client.set('idle:two-hours', 'v');
      await client.call('RESTORE', 'idle:two-hours', '0', await client.dumpBuffer('idle:two-hours'), 'REPLACE', 'IDLETIME', '7200');
      const lru = await cli('analyze', '--rdb', writeDump('lru.rdb', await saveAndRead(client)), '--format', 'json');
      await client.del('idle:two-hours');
      const lruReport = JSON.parse(lru.stdout);
      expect(lruReport.rdb.expiredKeys).toBe(5);
      expect(lruReport.rdb.idle.reduce((sum: number, b: { keys: number }) => sum + b.keys, 0)).toBe(lruReport.totalKeys);
      expect(lruReport.rdb.idle.find((b: { bucket: string }) => b.bucket === '<1d').keys).toBe(1);
      expect(lruReport.rdb.lfu).toBeUndefined();
      await client.config('SET', 'maxmemory-policy', 'allkeys-lfu');
      // Keys written under LFU start with counter 5 and grow as they are read.
      await client.set('hot', 'v');
      for (let i = 0; i < 50; i++) await client.get('hot');
      const lfu = JSON.parse((await cli('analyze', '--rdb', writeDump('lfu.rdb', await saveAndRead(client)), '--format', 'json')).stdout);
      expect(lfu.rdb.lfu.max).toBeGreaterThan(5);
      expect(lfu.rdb.idle).toBeUndefined();
    } finally {
      await client.config('SET', 'maxmemory-policy', 'noeviction');
      await client.call('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
    }
  });

  it('a truncated file gives a partial report (complete: false) naming the offset, exit 6', async () => {
    const cut = Math.floor(dump.length / 2);
    const result = await cli('analyze', '--rdb', writeDump('cut.rdb', dump.subarray(0, cut)), '--format', 'json');
    expect(result.code).toBe(6);
    const report = JSON.parse(result.stdout);
    expect(report.complete).toBe(false);
    expect(report.incompleteReason).toContain(`ends at byte ${cut}`);
    expect(report.totalKeys).toBeGreaterThan(0);
    expect(result.stderr).toContain('complete: false');
  });

  it('a changed byte inside a value fails the CRC64 check at the trailer', async () => {
    const flipped = Buffer.from(dump);
    const at = flipped.indexOf(MARKER) + 20;
    flipped[at] ^= 0x01;
    const result = await cli('analyze', '--rdb', writeDump('flip.rdb', flipped), '--format', 'json');
    expect(result.code).toBe(6);
    const report = JSON.parse(result.stdout);
    expect(report.complete).toBe(false);
    expect(report.incompleteReason).toMatch(new RegExp(`CRC64 mismatch at byte ${dump.length - 8}`));
  });

  it('an unknown opcode or RDB version is named with its offset', async () => {
    const header = Buffer.from('REDIS0010');
    const opcode = await cli('analyze', '--rdb', writeDump('opcode.rdb', Buffer.concat([header, Buffer.from([0xf0, 0, 0])])), '--format', 'json');
    expect(opcode.code).toBe(6);
    expect(JSON.parse(opcode.stdout).incompleteReason).toContain('corrupt RDB at byte 9: unknown value type 240');
    const version = await cli('analyze', '--rdb', writeDump('version.rdb', Buffer.from('REDIS0099\xff')), '--format', 'json');
    expect(JSON.parse(version.stdout).incompleteReason).toContain('unsupported RDB version "0099"');
    const missing = await cli('analyze', '--rdb', join(dir, 'nope.rdb'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const mixed = await cli('analyze', '--rdb', join(dir, 'dump.rdb'), '--url', server.url);
    expect(mixed.code).toBe(2);
  });
});
