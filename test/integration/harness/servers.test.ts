/** The test harness itself: every topology the other integration tests ask for really starts and answers. */
import Redis, { Cluster } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, startSentinel, startStandalone, redisCli } from '../../helpers/redisServers';
import { currentServer } from '../../helpers/serverMatrix';

/** ioredis rejects connect() with a generic message; the cause arrives on the 'error' event. */
function firstError(client: Redis): Promise<Error> {
  return new Promise((resolve) => client.once('error', resolve));
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(cleanups.map((stop) => stop()));
});

describe('redis test harness', () => {
  it('starts a standalone server without auth, of the server this run tests', async () => {
    const server = await startStandalone();
    cleanups.push(server.stop);
    const client = new Redis(server.port, '127.0.0.1');
    expect(await client.ping()).toBe('PONG');
    const info = await client.info('server');
    const expected = currentServer();
    const majorMinor = (version: string) => version.split('.').slice(0, 2).join('.');
    expect(info).toContain(`redis_version:${majorMinor(expected.redisCompatibleVersion)}.`);
    if (expected.product === 'valkey') {
      expect(info).toContain('server_name:valkey');
      expect(info).toContain(`valkey_version:${expected.version}`);
    } else {
      expect(info).not.toContain('valkey');
    }
    client.disconnect();
  });

  it('starts a server with requirepass that refuses the wrong password', async () => {
    const server = await startStandalone({ password: 's3cret' });
    cleanups.push(server.stop);
    const good = new Redis({ port: server.port, host: '127.0.0.1', password: 's3cret' });
    expect(await good.ping()).toBe('PONG');
    good.disconnect();
    const bad = new Redis({ port: server.port, host: '127.0.0.1', password: 'nope', lazyConnect: true, retryStrategy: () => null });
    const error = firstError(bad);
    await bad.connect().catch(() => undefined);
    expect((await error).message).toMatch(/WRONGPASS|invalid password/i);
    bad.disconnect();
  });

  it('starts a server with an ACL user limited to a key pattern', async () => {
    const server = await startStandalone({ aclUsers: ['user app on >apppass ~app:* +@read +@write +@connection -@dangerous'] });
    cleanups.push(server.stop);
    const app = new Redis({ port: server.port, host: '127.0.0.1', username: 'app', password: 'apppass' });
    await app.set('app:one', '1');
    await expect(app.set('other:one', '1')).rejects.toThrow(/NOPERM/);
    await expect(app.flushall()).rejects.toThrow(/NOPERM/);
    app.disconnect();
  });

  it('starts a TLS server that needs the CA (and a client certificate when asked)', async () => {
    const server = await startStandalone({ tls: { clientCerts: true } });
    cleanups.push(server.stop);
    const { readFileSync } = await import('node:fs');
    const tls = server.tls!;
    const client = new Redis({
      port: server.port,
      host: '127.0.0.1',
      tls: { ca: readFileSync(tls.caCert), cert: readFileSync(tls.clientCert), key: readFileSync(tls.clientKey), servername: 'localhost' },
    });
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    const untrusting = new Redis({
      port: server.port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null,
      tls: { ca: readFileSync(tls.otherCaCert), servername: 'localhost' },
    });
    const error = firstError(untrusting);
    await untrusting.connect().catch(() => undefined);
    expect((await error).message).toMatch(/certificate/i);
    untrusting.disconnect();
  });

  it('forms a 3-master/3-replica cluster', async () => {
    const cluster = await startCluster();
    cleanups.push(cluster.stop);
    const nodes = redisCli(['-p', String(cluster.ports[0]), 'cluster', 'nodes']);
    expect(nodes.split('\n').filter((l) => l.includes('master')).length).toBe(3);
    expect(nodes.split('\n').filter((l) => l.includes('slave')).length).toBe(3);
    const client = new Cluster(cluster.seeds);
    await new Promise((resolve) => client.once('ready', resolve));
    for (let i = 0; i < 20; i++) await client.set(`k${i}`, String(i));
    expect(await client.get('k7')).toBe('7');
    client.disconnect();
  });

  it('runs a sentinel set that knows the master', async () => {
    const set = await startSentinel();
    cleanups.push(set.stop);
    const client = new Redis({ sentinels: set.sentinelAddresses, name: set.masterName });
    await client.set('x', '1');
    expect(await client.get('x')).toBe('1');
    const address = redisCli(['-p', String(set.sentinels[0].port), 'sentinel', 'get-master-addr-by-name', set.masterName]);
    expect(address).toContain(String(set.master.port));
    client.disconnect();
  });
});
