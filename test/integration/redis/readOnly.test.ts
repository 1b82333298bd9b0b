/** Read-only profiles: writes and dangerous commands are refused before they reach the server (INFO commandstats proves it). */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands, COMMAND_TABLE_SERVERS, commandSpec } from '../../../src/core/commands/commandTable';
import { commandOnServer } from '../../../src/core/commands/commandAvailability';
import { parseCommandStats, parseInfo } from '../../../src/core/info/parseInfo';
import { newProfile } from '../../../src/core/connection/profile';
import { RedisSession } from '../../../src/redis/connection/redisSession';
import { isReadOnlyRefusal } from '../../../src/redis/readOnlyGuard';
import { startCluster, startStandalone, type ClusterSet, type Standalone } from '../../helpers/redisServers';
import { currentServer } from '../../helpers/serverMatrix';

let server: Standalone;
let cluster: ClusterSet;
let session: RedisSession;
let admin: Redis;

beforeAll(async () => {
  [server, cluster] = await Promise.all([startStandalone(), startCluster()]);
  admin = new Redis(server.port, '127.0.0.1');
  await admin.set('existing', 'value');
  await admin.config('RESETSTAT');
  session = await RedisSession.open(newProfile({ id: 'ro', port: server.port, readOnly: true, connectTimeoutMs: 3000 }), {});
});
afterAll(async () => {
  await session?.close();
  admin?.disconnect();
  await Promise.all([server?.stop(), cluster?.stop()]);
});

async function commandStats(): Promise<Map<string, number>> {
  const stats = parseCommandStats(parseInfo(await admin.info('commandstats')).commandstats);
  return new Map(stats.map((s) => [s.command, s.calls]));
}

describe('shipped command table', () => {
  it('matches the flags and ACL categories this server reports (no drift from redis-server 7.0)', async () => {
    const reply = (await admin.call('COMMAND')) as unknown[][];
    const server = new Map<string, { flags: string[]; acl: string[] }>();
    const collect = (entry: unknown[]) => {
      server.set(String(entry[0]).toLowerCase(), { flags: (entry[2] as string[]).map(String), acl: (entry[6] as string[]).map((c) => String(c).replace(/^@/, '')) });
      for (const sub of (entry[9] as unknown[][]) ?? []) collect(sub);
    };
    reply.forEach(collect);
    expect(server.size).toBeGreaterThan(300);
    const tested = currentServer();
    if (tested.id === COMMAND_TABLE_SERVERS[0].id) {
      // The table shows the oldest server's flags (the default target): exactly what that server reports.
      for (const [name, flags] of server) {
        const spec = commandSpec(name);
        expect(spec, name).toBeDefined();
        expect(spec!.flags, name).toEqual(flags.flags);
        expect(spec!.aclCategories, name).toEqual(flags.acl);
      }
    } else {
      // Newer servers' flags may legitimately differ; which commands they have must match the table's record of them.
      const missing = [...server.keys()].filter((name) => !commandSpec(name) || !commandOnServer(commandSpec(name)!, tested.id));
      expect(missing, `commands ${tested.label} has that the table does not list for it`).toEqual([]);
      // Module commands (RedisJSON) are in the table for hovers and key positions, claimed for no server.
      const claimed = allCommands().filter((spec) => !spec.module && commandOnServer(spec, tested.id) && !server.has(spec.name.toLowerCase()));
      expect(claimed.map((spec) => spec.name), `commands the table lists for ${tested.label} that it lacks`).toEqual([]);
    }
  });
});

describe('read-only guard', () => {
  it('learned the command flags from the server', () => {
    expect(session.guard?.serverCommandCount).toBeGreaterThan(200);
  });

  it('refuses SET, DEL, UNLINK, EXPIRE, FLUSHDB and CONFIG SET without sending them; reads work', async () => {
    const client = session.client;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['set', () => client.set('existing', 'changed')],
      ['del', () => client.del('existing')],
      ['unlink', () => client.unlink('existing')],
      ['expire', () => client.expire('existing', 10)],
      ['flushdb', () => client.flushdb()],
      ['config|set', () => client.config('SET', 'maxmemory', '1mb')],
      ['eval', () => client.eval("return redis.call('set', KEYS[1], 'x')", 1, 'existing')],
      ['set (call)', () => client.call('SET', 'existing', 'changed')],
    ];
    for (const [name, attempt] of attempts) {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(isReadOnlyRefusal(error), `${name} must be refused`).toBe(true);
    }
    expect(await client.get('existing')).toBe('value');
    expect(await client.ttl('existing')).toBe(-1);
    expect(await client.config('GET', 'maxmemory')).toEqual(['maxmemory', '0']);
    const stats = await commandStats();
    for (const name of ['set', 'del', 'unlink', 'expire', 'flushdb', 'config|set', 'eval']) expect(stats.has(name), name).toBe(false);
    expect(stats.get('get')).toBeGreaterThan(0);
  });

  it('refuses a pipeline or transaction containing a write as a whole, and lets read-only pipelines through', async () => {
    const client = session.client;
    await expect(client.pipeline().get('existing').set('existing', 'x').exec()).rejects.toSatisfy(isReadOnlyRefusal);
    await expect(client.multi().get('existing').del('existing').exec()).rejects.toSatisfy(isReadOnlyRefusal);
    const reads = await client.pipeline().get('existing').ttl('existing').exec();
    expect(reads).toEqual([[null, 'value'], [null, -1]]);
    const stats = await commandStats();
    expect(stats.has('set')).toBe(false);
    expect(stats.has('del')).toBe(false);
    expect(stats.has('multi')).toBe(false);
  });

  it('guards duplicates of the client and refuses MONITOR (which opens its own connection)', async () => {
    const copy = (session.client as Redis).duplicate();
    await expect(copy.set('existing', 'x')).rejects.toSatisfy(isReadOnlyRefusal);
    copy.disconnect();
    await expect((session.client as Redis).monitor()).rejects.toSatisfy(isReadOnlyRefusal);
    expect((await commandStats()).has('monitor')).toBe(false);
  });

  it('guards every node of a cluster client, including direct node access', async () => {
    const clusterSession = await RedisSession.open(
      newProfile({ id: 'roc', topology: 'cluster', cluster: { seeds: cluster.seeds.slice(0, 1) }, readOnly: true, connectTimeoutMs: 3000 }),
      {},
    );
    try {
      const client = clusterSession.client;
      await expect(client.set('k', '1')).rejects.toSatisfy(isReadOnlyRefusal);
      expect(await client.get('k')).toBeNull();
      if (!('nodes' in client)) throw new Error('expected a cluster client');
      for (const node of client.nodes('master')) {
        await expect(node.flushall()).rejects.toSatisfy(isReadOnlyRefusal);
        const stats = parseCommandStats(parseInfo(await node.info('commandstats')).commandstats).map((s) => s.command);
        expect(stats).not.toContain('flushall');
        expect(stats).not.toContain('set');
      }
    } finally {
      await clusterSession.close();
    }
  });
});
