/**
 * `redis-review analyze --url URL --via-rdb` against real redis-server 7.0 processes: diskless (EOF mark) and
 * disk-based (length) transfers give the same report as the saved file; an ACL user without SYNC is refused
 * with the reason; --cluster snapshots every master into one report.
 */
import Redis, { Cluster } from 'ioredis';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { startCluster, startStandalone, type ClusterSet, type Standalone } from '../../helpers/redisServers';
import { fillEveryEncoding } from './everyEncoding';
import { saveAndRead, serverQuantum } from './rdbOfRealServer';

let diskless: Standalone;
let client: Redis;
let dir: string;
const started: Array<{ stop(): Promise<void> }> = [];

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rr-via-rdb-'));
  diskless = await startStandalone({ args: ['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0'] });
  started.push(diskless);
  client = new Redis({ port: diskless.port, host: '127.0.0.1', protocol: 2 } as never);
  await fillEveryEncoding(client);
}, 300_000);

afterAll(async () => {
  client?.disconnect();
  for (const server of started) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('analyze --via-rdb', () => {
  it('streams a diskless snapshot into the same report as the saved file', async () => {
    const streamed = await cli('analyze', '--url', diskless.url, '--via-rdb', '--format', 'json');
    expect(streamed.code, streamed.stderr).toBe(0);
    const path = join(dir, 'dump.rdb');
    writeFileSync(path, await saveAndRead(client));
    // --via-rdb asks the server how its allocator rounds; for the file the user says it.
    const quantum = await serverQuantum(client);
    const file = await cli('analyze', '--rdb', path, '--format', 'json', '--allocator-quantum', String(quantum));
    const viaRdb = JSON.parse(streamed.stdout);
    const fromFile = JSON.parse(file.stdout);
    expect(viaRdb.complete).toBe(true);
    expect(viaRdb.rdb.sizeModel).toContain(`${quantum}-byte quantum`);
    expect(viaRdb.rdb).toMatchObject({ source: 'replication', rdbVersion: 10 });
    expect(viaRdb.byType).toEqual(fromFile.byType);
    expect(viaRdb.encodings).toEqual(fromFile.encodings);
    expect(viaRdb.nodes.map((n: { node: string; keys: number }) => n.keys)).toEqual([fromFile.totalKeys]);
    expect(viaRdb.warnings ?? []).not.toContainEqual(expect.stringContaining('repl-diskless-sync is off'));
  });

  it('reads a disk-based transfer (length framing) too', async () => {
    const server = await startStandalone({ args: ['--repl-diskless-sync', 'no'] });
    started.push(server);
    const other = new Redis({ port: server.port, host: '127.0.0.1' });
    try {
      for (let i = 0; i < 200; i++) await other.hset(`user:${i}`, 'name', `n${i}`, 'age', String(i));
      expect(existsSync(join(server.server.dir, 'dump.rdb'))).toBe(false);
      const result = await cli('analyze', '--url', server.url, '--via-rdb', '--format', 'json');
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.complete).toBe(true);
      expect(report.byType.hash.keys).toBe(200);
      expect(report.namespaces[0].pattern).toBe('user:*');
      // The user's server wrote its RDB file for us: the report says so (the diskless run above says nothing).
      expect(report.warnings).toEqual([expect.stringMatching(/^repl-diskless-sync is off: the server wrote this snapshot to its RDB file on disk .*before sending it/)]);
      expect(existsSync(join(server.server.dir, 'dump.rdb'))).toBe(true);
    } finally {
      other.disconnect();
    }
  });

  it('says why when the user may not SYNC, exit 5', async () => {
    const server = await startStandalone({ aclUsers: ['user viewer on >viewer-pw ~* &* +@all -sync -psync'], args: ['--repl-diskless-sync-delay', '0'] });
    started.push(server);
    const result = await cli('analyze', '--url', `redis://viewer:viewer-pw@127.0.0.1:${server.port}`, '--via-rdb', '--format', 'json');
    expect(result.code, result.stderr).toBe(5);
    const stdout = result.stdout;
    const report = JSON.parse(stdout);
    expect(report.complete).toBe(false);
    expect(report.incompleteReason).toMatch(/refused SYNC: NOPERM.*\+sync/);
  });

  it('a transfer cut off mid-way gives the partial report of the keys read (exit 4), never a complete one', async () => {
    const server = await startStandalone({ args: ['--repl-diskless-sync-delay', '0'] });
    started.push(server);
    const other = new Redis({ port: server.port, host: '127.0.0.1' });
    try {
      for (let i = 0; i < 3000; i += 500) await other.mset(Object.fromEntries(Array.from({ length: 500 }, (_, j) => [`item:${i + j}`, 'x'.repeat(100)])));
      // The snapshot child sleeps 1 ms per key, so the transfer lasts about 3 s; the replica connection is killed meanwhile.
      await other.config('SET', 'rdb-key-save-delay', '1000');
      const run = cli('analyze', '--url', server.url, '--via-rdb', '--format', 'json');
      // Cut the transfer once it is under way, not after a fixed sleep: on a busy machine the replica connection can
      // take longer than any sleep to ask for SYNC, and CLIENT KILL TYPE replica would then kill nothing.
      const deadline = Date.now() + 60_000;
      while (String(await other.call('CLIENT', 'LIST', 'TYPE', 'replica')).trim() === '' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(Number(await other.call('CLIENT', 'KILL', 'TYPE', 'replica'))).toBe(1);
      const result = await run;
      expect(result.code, result.stderr).toBe(4);
      const report = JSON.parse(result.stdout);
      expect(report.complete).toBe(false);
      expect(report.incompleteReason).toMatch(/closed the connection/);
      expect(report.totalKeys).toBeLessThan(3000);
    } finally {
      await other.config('SET', 'rdb-key-save-delay', '0').catch(() => undefined);
      other.disconnect();
    }
  });

  it('--cluster snapshots every master in parallel into one report', async () => {
    const cluster: ClusterSet = await startCluster({ args: ['--repl-diskless-sync-delay', '0'] });
    started.push(cluster);
    const clusterClient = new Cluster(cluster.seeds);
    try {
      await new Promise((resolve) => clusterClient.once('ready', resolve));
      for (let i = 0; i < 300; i++) await clusterClient.set(`session:${i}`, `value-${i}`, 'EX', 7200);
      const result = await cli('analyze', '--url', `redis://127.0.0.1:${cluster.ports[0]}`, '--cluster', '--via-rdb', '--format', 'json');
      expect(result.code, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report.complete).toBe(true);
      expect(report.totalKeys).toBe(300);
      expect(report.nodes).toHaveLength(3);
      expect(report.nodes.reduce((sum: number, n: { keys: number }) => sum + n.keys, 0)).toBe(300);
      expect(report.ttlBuckets.find((b: { bucket: string }) => b.bucket === '<1d').keys).toBe(300);
    } finally {
      clusterClient.disconnect();
    }
  });
});
