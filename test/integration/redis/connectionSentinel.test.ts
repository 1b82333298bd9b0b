/** Sentinel: connect through the sentinels, read master/replicas, and follow a failover when the master dies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProfile, type ConnectionProfile } from '../../../src/core/connection/profile';
import { RedisSession } from '../../../src/redis/connection/redisSession';
import { ConnectionFailure } from '../../../src/redis/connection/openConnection';
import { readSentinelTopology } from '../../../src/redis/serverSummary';
import { freePort, startSentinel, type SentinelSet } from '../../helpers/redisServers';

let set: SentinelSet;
let profile: ConnectionProfile;
const PASSWORD = 'sentinel-data-pw';

beforeAll(async () => {
  // Master and replica require a password: it must reach the master that Sentinel names.
  set = await startSentinel({ password: PASSWORD });
  profile = newProfile({
    id: 's',
    name: 'sentinel',
    topology: 'sentinel',
    sentinel: { addresses: set.sentinelAddresses, masterName: set.masterName, tls: false },
    connectTimeoutMs: 3000,
    commandTimeoutMs: 5000,
    passwordExpected: true,
  });
});
afterAll(async () => {
  await set?.stop();
});

describe('Sentinel connections', () => {
  it('reports an unknown master name specifically', async () => {
    const wrong = { ...profile, sentinel: { ...profile.sentinel!, masterName: 'nosuchmaster' } };
    const started = Date.now();
    const error = await RedisSession.open(wrong, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionFailure);
    expect((error as ConnectionFailure).kind).toBe('sentinel-no-master');
    expect((error as ConnectionFailure).message).toContain('"nosuchmaster"');
    expect(Date.now() - started).toBeLessThan(profile.connectTimeoutMs + 500);
  });

  it('reports a wrong data-node password as an authentication failure', async () => {
    const error = await RedisSession.open(profile, { password: 'wrong' }).catch((e: unknown) => e);
    expect((error as ConnectionFailure).kind).toBe('auth');
  });

  it('reports sentinels that do not answer apart from a wrong master name', async () => {
    const nowhere = { ...profile, sentinel: { ...profile.sentinel!, addresses: [{ host: '127.0.0.1', port: await freePort() }] } };
    const error = await RedisSession.open(nowhere, {}).catch((e: unknown) => e);
    expect((error as ConnectionFailure).kind).toBe('sentinel-unreachable');
  });

  it('connects to the master, lists replicas, and follows a failover within a minute', async () => {
    const session = await RedisSession.open(profile, { password: PASSWORD });
    try {
      expect(session.serverVersion).toMatch(/^7\./);
      expect(session.currentAddress()?.port).toBe(set.master.port);
      const before = await readSentinelTopology(profile, {});
      expect(before.master.port).toBe(set.master.port);
      expect(before.replicas.map((r) => r.port)).toEqual([set.replica.port]);
      await session.client.set('before-failover', '1');

      const topologyChanged = new Promise<number>((resolve) => session.once('topology', () => resolve(Date.now())));
      const killedAt = Date.now();
      await set.master.kill();
      const changedAt = await Promise.race([
        topologyChanged,
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no topology event within 60 s')), 60_000)),
      ]);
      const followMs = changedAt - killedAt;
      console.log(`sentinel failover followed in ${followMs} ms`);
      expect(followMs).toBeLessThan(60_000);
      expect(session.currentAddress()?.port).toBe(set.replica.port);
      expect(session.state).toBe('connected');
      expect(await session.client.get('before-failover')).toBe('1');
      await session.client.set('after-failover', '2');
      const after = await readSentinelTopology(profile, {});
      expect(after.master.port).toBe(set.replica.port);
    } finally {
      await session.close();
    }
  }, 120_000);
});
