/**
 * A database index the server refuses is an error everywhere — never a silent fallback to database 0: the
 * session's connection (browser, Instance view), extra clients for other databases (key editing), and the CLI.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { newProfile } from '../../../src/core/connection/profile';
import { openDatabaseClient } from '../../../src/redis/connection/confirmDatabase';
import { ConnectionFailure, openConnection } from '../../../src/redis/connection/openConnection';
import { startStandalone, type Standalone } from '../../helpers/redisServers';

let server: Standalone;
let seed: Redis;

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: process.cwd() });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  // Four databases (0-3): 5 and 99 are refused.
  server = await startStandalone({ args: ['--databases', '4'] });
  seed = new Redis({ port: server.port, host: '127.0.0.1' });
  await seed.set('in-db-0', 'x');
  await seed.select(3);
  await seed.set('in-db-3:a', 'x');
  await seed.set('in-db-3:b', 'x');
});

afterAll(async () => {
  seed?.disconnect();
  await server?.stop();
});

describe('a refused database index', () => {
  it('fails openConnection with a message naming the database (the session the browser and key editing use)', async () => {
    const profile = newProfile({ id: 't', host: '127.0.0.1', port: server.port, db: 5 });
    const failure = await openConnection(profile, {}).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectionFailure);
    expect((failure as ConnectionFailure).kind).toBe('database');
    expect((failure as ConnectionFailure).message).toMatch(/refused database 5/);
  });

  it('fails a client opened for another database instead of handing out database 0', async () => {
    const opened = await openConnection(newProfile({ id: 't', host: '127.0.0.1', port: server.port, db: 0 }), {});
    try {
      await expect(openDatabaseClient(opened.client, 99)).rejects.toThrow(/DB index is out of range/);
      const db3 = await openDatabaseClient(opened.client, 3);
      expect((await (db3 as Redis).keys('*')).sort()).toEqual(['in-db-3:a', 'in-db-3:b']);
      db3.disconnect();
    } finally {
      opened.client.disconnect();
    }
  });

  it('makes `analyze` exit 3 with a clear message, and analyses the right database when it exists', async () => {
    const refused = await cli('analyze', '--url', `${server.url}/99`, '--format', 'json');
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/refused database 99/);
    expect(refused.stderr).toMatch(/redis:\/\/host:port\/0/);
    const accepted = await cli('analyze', '--url', `${server.url}/3`, '--format', 'json');
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout).totalKeys).toBe(2);
  });
});
