/**
 * The snapshot analysis of src/redis/rdb (what `analyze --via-rdb` and the editor's Analysis tab run) against real
 * servers: a password-protected standalone server with expired keys and LRU idle times, every master of a
 * Cluster in parallel, progress from "waiting for the fork" to the last key, and what goes wrong said so the
 * user can act on it: an ACL user without SYNC, a replica that lost its master (with and without stale data
 * served), a cancel while the server has not started sending, and one mid-transfer.
 */
import Redis, { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProfile } from '../../../src/core/connection/profile';
import { errorReply } from '../../../src/extension/instance/webviewController';
import { SnapshotError } from '../../../src/redis/rdb/replicationSnapshot';
import { analyzeViaRdb, viaRdbConnection, viaRdbNodes, type SnapshotProgress } from '../../../src/redis/rdb/snapshotAnalysis';
import { freePort, startCluster, startStandalone, type Standalone } from '../../helpers/redisServers';
import { serverQuantum } from './rdbOfRealServer';

const PASSWORD = 'snap-pw';
let server: Standalone;
let client: Redis;
const started: Array<{ stop(): Promise<void> }> = [];

const run = (nodes: Parameters<typeof analyzeViaRdb>[0], options: { username?: string; password?: string; signal?: AbortSignal; onProgress?: (p: SnapshotProgress) => void } = {}) =>
  analyzeViaRdb(nodes, viaRdbConnection(newProfile({ id: 't', ...(options.username ? { username: options.username } : {}) }), options.password), {
    delimiters: [':'], signal: options.signal ?? new AbortController().signal, origin: 'test', ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });

beforeAll(async () => {
  // An LRU policy: only then does the server write each key's idle time into the snapshot.
  server = await startStandalone({ password: PASSWORD, args: ['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', '--maxmemory-policy', 'allkeys-lru'] });
  started.push(server);
  client = new Redis({ port: server.port, host: '127.0.0.1', password: PASSWORD });
  for (let i = 0; i < 500; i += 100) await client.mset(Object.fromEntries(Array.from({ length: 100 }, (_, j) => [`user:${i + j}`, 'x'.repeat(50)])));
  for (let i = 0; i < 50; i++) await client.set(`session:${i}`, 'v', 'EX', 3600);
  // Keys past their expiry that the server has not reclaimed yet: only a snapshot shows them.
  await client.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
  for (let i = 0; i < 20; i++) await client.set(`gone:${i}`, 'v', 'PX', 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
}, 120_000);

afterAll(async () => {
  client?.disconnect();
  for (const s of started) await s.stop();
});

describe('analyzeViaRdb (src/redis/rdb)', () => {
  it('reads a standalone server through its password into one complete report, with what only a snapshot has, and reports progress', async () => {
    const nodes = await viaRdbNodes(client, { host: '127.0.0.1', port: server.port });
    expect(nodes).toEqual([{ host: '127.0.0.1', port: server.port, allocatorQuantum: await serverQuantum(client) }]);
    const progress: SnapshotProgress[] = [];
    const result = await run(nodes, { password: PASSWORD, onProgress: (p) => progress.push(p) });
    expect(result.outcome.complete, result.report.incompleteReason).toBe(true);
    expect(result.report.complete).toBe(true);
    expect(result.report.totalKeys).toBe(550);
    expect(result.report.rdb).toMatchObject({ source: 'replication', expiredKeys: 20 });
    expect(result.report.rdb?.idle?.reduce((sum, b) => sum + b.keys, 0)).toBe(550);
    // First: the one node still waiting for its server to fork; last: everything read.
    expect(progress[0]).toMatchObject({ bytes: 0, keys: 0, nodes: 1, waitingNodes: 1 });
    expect(progress.at(-1)).toMatchObject({ keys: 570, nodes: 1, waitingNodes: 0 });
    expect(progress.at(-1)!.bytes).toBeGreaterThanOrEqual(result.outcome.bytes);
  });

  it('snapshots every Cluster master in parallel into one report', async () => {
    const cluster = await startCluster({ args: ['--repl-diskless-sync-delay', '0'] });
    started.push(cluster);
    const clusterClient = new Cluster(cluster.seeds);
    try {
      await new Promise((resolve) => clusterClient.once('ready', resolve));
      for (let i = 0; i < 300; i++) await clusterClient.set(`cart:${i}`, `value-${i}`);
      const nodes = await viaRdbNodes(clusterClient, undefined);
      expect(nodes).toHaveLength(3);
      let last: SnapshotProgress | undefined;
      const result = await run(nodes, { onProgress: (p) => (last = p) });
      expect(result.outcome.complete, result.report.incompleteReason).toBe(true);
      expect(result.report.totalKeys).toBe(300);
      expect(result.report.nodes.map((n) => n.node).sort()).toEqual(nodes.map((n) => `${n.host}:${n.port}`).sort());
      expect(result.report.nodes.every((n) => n.keys > 0)).toBe(true);
      expect(last).toMatchObject({ nodes: 3, waitingNodes: 0, keys: 300 });
    } finally {
      clusterClient.disconnect();
    }
  });

  it('an ACL user without SYNC gets a SnapshotError naming the server, the permission and that nothing was read', async () => {
    const acl = await startStandalone({ aclUsers: ['user viewer on >viewer-pw ~* &* +@all -sync -psync'] });
    started.push(acl);
    const result = await run([{ host: '127.0.0.1', port: acl.port }], { username: 'viewer', password: 'viewer-pw' });
    expect(result.outcome.complete).toBe(false);
    expect(result.outcome.error).toBeInstanceOf(SnapshotError);
    expect(result.report.complete).toBe(false);
    expect(result.report.incompleteReason).toMatch(new RegExp(`^127\\.0\\.0\\.1:${acl.port} refused SYNC: NOPERM.*\\+sync and \\+replconf.* — nothing of the snapshot was read$`));
    // The Analysis tab gets the server's refusal as a server error with its message, not an internal failure.
    expect(errorReply(result.outcome.error)).toEqual({ code: 'REDIS', message: result.report.incompleteReason });
  });

  it.each([
    ['serves stale data', 'yes', /refused SYNC: NOMASTERLINK.*take the snapshot from the master/],
    ['refuses stale reads', 'no', /refused SYNC: MASTERDOWN.*replica-serve-stale-data is no: take the snapshot from the master/],
  ])('a replica that lost its master (and %s) is refused with what to do instead', async (_what, stale, expected) => {
    const replica = await startStandalone({ args: ['--replicaof', '127.0.0.1', String(await freePort()), '--replica-serve-stale-data', stale] });
    started.push(replica);
    const result = await run([{ host: '127.0.0.1', port: replica.port }]);
    expect(result.outcome.complete).toBe(false);
    expect(result.report.incompleteReason).toMatch(expected);
  });

  it('a cancel while the server waits to fork ends the wait at once, with nothing presented as read', async () => {
    const slow = await startStandalone({ args: ['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '30'] });
    started.push(slow);
    const other = new Redis({ port: slow.port, host: '127.0.0.1' });
    try {
      await other.set('k', 'v');
      const controller = new AbortController();
      const running = run([{ host: '127.0.0.1', port: slow.port }], {
        signal: controller.signal,
        // Cancel once the replication connection is waiting for the payload.
        onProgress: (p) => p.waitingNodes === 1 && setTimeout(() => controller.abort(new Error('cancelled')), 300),
      });
      const result = await running;
      expect(result.outcome.complete).toBe(false);
      expect(result.report.incompleteReason).toMatch(/cancelled while waiting for the snapshot to start — nothing of the snapshot was read/);
      expect(result.report.totalKeys).toBe(0);
    } finally {
      other.disconnect();
    }
  });

  it('a cancel mid-transfer keeps the keys read so far, marked incomplete with how much was read', async () => {
    const slow = await startStandalone({ args: ['--repl-diskless-sync-delay', '0'] });
    started.push(slow);
    const other = new Redis({ port: slow.port, host: '127.0.0.1' });
    try {
      await other.call('DEBUG', 'POPULATE', '3000', 'item', '50');
      // The snapshot child sleeps 1 ms per key: the transfer lasts about 3 s.
      await other.config('SET', 'rdb-key-save-delay', '1000');
      const controller = new AbortController();
      const result = await run([{ host: '127.0.0.1', port: slow.port }], {
        signal: controller.signal,
        onProgress: (p) => p.keys > 0 && controller.abort(new Error('cancelled')),
      });
      expect(result.outcome.complete).toBe(false);
      expect(result.report.complete).toBe(false);
      expect(result.report.totalKeys).toBeGreaterThan(0);
      expect(result.report.totalKeys).toBeLessThan(3000);
      expect(result.report.incompleteReason).toMatch(new RegExp(`^127\\.0\\.0\\.1:${slow.port}: cancelled after \\d+ bytes of the RDB — [\\d.]+ [KM]?B of the snapshot read, [\\d,]+ keys in the report$`));
    } finally {
      await other.config('SET', 'rdb-key-save-delay', '0').catch(() => undefined);
      other.disconnect();
    }
  });
});
