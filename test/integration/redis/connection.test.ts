/** Connecting real standalone servers (no auth, requirepass, ACL, TLS) and the specific message of each failure. */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProfile, type ConnectionProfile } from '../../../src/core/connection/profile';
import { ConnectionFailure, openConnection } from '../../../src/redis/connection/openConnection';
import { RedisSession } from '../../../src/redis/connection/redisSession';
import { keyMetadata, scanKeyPage } from '../../../src/redis/namespaces';
import Redis from 'ioredis';
import { freePort, startStandalone, type Standalone } from '../../helpers/redisServers';
import { currentServer } from '../../helpers/serverMatrix';

const TIMEOUT = 3000;
let plain: Standalone;
let secured: Standalone;
let acl: Standalone;
let tls: Standalone;
let mutualTls: Standalone;

beforeAll(async () => {
  [plain, secured, acl, tls, mutualTls] = await Promise.all([
    startStandalone(),
    startStandalone({ password: 's3cret' }),
    startStandalone({
      aclUsers: [
        'user app on >apppass ~app:* +@read +@write +@connection -@dangerous',
        'user mute on >mutepass ~* +get',
      ],
    }),
    startStandalone({ tls: {} }),
    startStandalone({ tls: { clientCerts: true } }),
  ]);
});
beforeAll(async () => {
  const admin = new Redis(acl.port, '127.0.0.1');
  await admin.set('other:seeded', 'x');
  admin.disconnect();
});
afterAll(async () => {
  await Promise.all([plain, secured, acl, tls, mutualTls].map((s) => s?.stop()));
});

/** "7.4" of "7.4.1", escaped for a pattern (the patch level of Debian's build may move). */
function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('\\.');
}

function profile(server: { port: number }, fields: Partial<ConnectionProfile> = {}): ConnectionProfile {
  return newProfile({ id: 't', port: server.port, connectTimeoutMs: TIMEOUT, ...fields });
}

async function failure(p: ConnectionProfile, password?: string): Promise<{ error: ConnectionFailure; ms: number }> {
  const started = Date.now();
  const error = await openConnection(p, { password }).then(
    (opened) => {
      opened.client.disconnect();
      throw new Error('connected unexpectedly');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectionFailure);
  return { error: error as ConnectionFailure, ms: Date.now() - started };
}

describe('openConnection against real servers', () => {
  it('connects without auth and reads the server version', async () => {
    const opened = await openConnection(profile(plain), {});
    const server = currentServer();
    // Valkey reports the Redis release it is compatible with as redis_version, and names itself in the label.
    expect(opened.serverVersion).toMatch(new RegExp(`^${minorOf(server.redisCompatibleVersion)}\\.\\d+$`));
    expect(opened.serverLabel).toMatch(new RegExp(`^${server.product === 'valkey' ? 'Valkey' : 'Redis'} ${minorOf(server.version)}\\.\\d+$`));
    expect(await opened.client.ping()).toBe('PONG');
    opened.client.disconnect();
  });

  it('connects with requirepass', async () => {
    const opened = await openConnection(profile(secured, { passwordExpected: true }), { password: 's3cret' });
    expect(opened.serverVersion).toMatch(/^7\./);
    opened.client.disconnect();
  });

  it('connects as an ACL user limited to a key pattern (INFO denied: version from HELLO)', async () => {
    const opened = await openConnection(profile(acl, { username: 'app' }), { password: 'apppass' });
    const server = currentServer();
    // HELLO gives Valkey's own release only, so the Redis-compatible version stays unknown there.
    expect(opened.serverVersion).toMatch(server.product === 'valkey' ? /^unknown$/ : new RegExp(`^${minorOf(server.version)}\\.\\d+$`));
    expect(opened.serverLabel).toBe(`${server.product === 'valkey' ? 'Valkey' : 'Redis'} ${server.product === 'valkey' ? server.version : opened.serverVersion}`);
    await opened.client.set('app:1', 'x');
    await expect(opened.client.set('other:1', 'x')).rejects.toThrow(/NOPERM/);
    // Browsing: SCAN lists every name, but TYPE/PTTL of keys outside ~app:* fail per key, not per page.
    const page = await scanKeyPage(opened.client, { pageSize: 100 });
    const meta = await keyMetadata(opened.client, page.keys);
    expect(meta.find((m) => m.key.toString() === 'app:1')).toMatchObject({ type: 'string', pttl: -1 });
    expect(meta.find((m) => m.key.toString() === 'other:seeded')).toMatchObject({ type: 'unknown', error: expect.stringMatching(/NOPERM/) });
    opened.client.disconnect();
  });

  it('connects over TLS with a CA, and with a client certificate', async () => {
    const one = await openConnection(profile(tls, { tls: { verify: true, caFile: tls.tls!.caCert, servername: 'localhost' } }), {});
    expect(await one.client.ping()).toBe('PONG');
    one.client.disconnect();
    const material = mutualTls.tls!;
    const two = await openConnection(
      profile(mutualTls, { tls: { verify: true, caFile: material.caCert, certFile: material.clientCert, keyFile: material.clientKey } }),
      {},
    );
    expect(await two.client.ping()).toBe('PONG');
    two.client.disconnect();
  });

  it('reports a wrong password as an authentication failure within the timeout', async () => {
    const { error, ms } = await failure(profile(secured), 'wrong');
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/wrong user name or password/);
    expect(error.message).not.toContain('wrong"');
    expect(ms).toBeLessThan(TIMEOUT + 500);
  });

  it('reports a missing password as NOAUTH', async () => {
    const { error } = await failure(profile(secured));
    expect(error.kind).toBe('noauth');
  });

  it('reports a wrong port as refused', async () => {
    const { error, ms } = await failure(profile({ port: await freePort() }));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/Nothing accepts connections at 127\.0\.0\.1:\d+/);
    expect(ms).toBeLessThan(TIMEOUT + 500);
  });

  it('reports an untrusted certificate as a TLS certificate problem', async () => {
    const { error, ms } = await failure(profile(tls, { tls: { verify: true, caFile: tls.tls!.otherCaCert } }));
    expect(error.kind).toBe('tls-certificate');
    expect(error.message).toMatch(/not signed by a CA you trust/);
    expect(ms).toBeLessThan(TIMEOUT + 500);
  });

  it('tells a TLS profile pointed at a plain port so, instead of waiting for the connect timeout', async () => {
    // A long timeout: had the handshake been left to time out, the kind would be "timeout", not "tls-mismatch".
    const { error } = await failure(profile(plain, { connectTimeoutMs: 60_000, tls: { verify: false } }));
    expect(error.kind).toBe('tls-mismatch');
    expect(error.message).toMatch(/speaks plain Redis without TLS.*Turn TLS off for this connection/);
    // The same port with a password: -NOAUTH is a plain answer too.
    const guarded = await failure(profile(secured, { connectTimeoutMs: 60_000, tls: { verify: false } }));
    expect(guarded.error.kind).toBe('tls-mismatch');
  });

  it('reports a missing client certificate when the server demands one', async () => {
    const { error } = await failure(profile(mutualTls, { tls: { verify: true, caFile: mutualTls.tls!.caCert } }));
    expect(['tls-mismatch', 'closed']).toContain(error.kind);
  });

  it('reports an ACL user lacking a command with the user and the command', async () => {
    const { error, ms } = await failure(profile(acl, { username: 'mute' }), 'mutepass');
    expect(error.kind).toBe('noperm');
    expect(error.message).toMatch(/"mute" is not allowed to run "(PING|HELLO|INFO)"/);
    expect(ms).toBeLessThan(TIMEOUT + 500);
  });

  it('reports a server that accepts but never answers as a timeout within the connect timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const { error, ms } = await failure(newProfile({ id: 't', port, connectTimeoutMs: 1000 }));
      expect(error.kind).toBe('timeout');
      expect(error.message).toMatch(/did not answer within 1 s/);
      expect(ms).toBeLessThan(2000);
    } finally {
      silent.close();
    }
  });

  it('reports something that is not Redis (an HTTP server) as such', async () => {
    const http = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const { error } = await failure(profile({ port: (http.address() as AddressInfo).port }));
      expect(['not-redis', 'closed']).toContain(error.kind);
    } finally {
      http.close();
    }
  });

  it('reconnects by itself when the server drops the connection, and reports the states', async () => {
    const session = await RedisSession.open(profile(plain), {});
    const admin = new Redis(plain.port, '127.0.0.1');
    try {
      const states: string[] = [];
      session.on('state', (state) => states.push(state));
      const back = new Promise<void>((resolve) => session.on('state', (state) => state === 'connected' && resolve()));
      await admin.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      await back;
      expect(states).toEqual(['reconnecting', 'connected']);
      expect(await session.client.ping()).toBe('PONG');
    } finally {
      admin.disconnect();
      await session.close();
    }
  });
});
