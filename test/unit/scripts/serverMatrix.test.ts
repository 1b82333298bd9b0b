/**
 * The server matrix (test/helpers/serverMatrix.ts): which server a test process runs on, where its programs are,
 * and a reason a person can act on when a vendored server is not there — decided from files, with fake builds here.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  compareVersions, currentServer, isValkey, matrixServer, matrixServers, redisApiAtLeast, sentinelOf, serverAtLeast,
} from '../../helpers/serverMatrix';

const VARIABLES = ['REDIS_REVIEW_SERVER', 'REDIS_REVIEW_TOOLS', 'REDIS_REVIEW_VENDOR', 'REDIS_SERVER_BIN', 'REDIS_SENTINEL_BIN', 'REDIS_CLI_BIN'];
let saved: Record<string, string | undefined>;
let base: string;

function program(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
}

beforeEach(() => {
  saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of VARIABLES) delete process.env[name];
  base = mkdtempSync(join(tmpdir(), 'rr-matrix-'));
  process.env.REDIS_REVIEW_TOOLS = join(base, 'tools');
  process.env.REDIS_REVIEW_VENDOR = join(base, 'vendor');
});

afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  rmSync(base, { recursive: true, force: true });
});

describe('server matrix', () => {
  it('lists Debian Redis 7.0, Redis 7.4 and Valkey 8, oldest first, and runs on Redis 7.0 by default', () => {
    expect(matrixServers().map((s) => [s.id, s.label])).toEqual([
      ['redis-7.0', 'Redis 7.0.15 (Debian)'],
      ['redis-7.4', 'Redis 7.4.1'],
      ['valkey-8', 'Valkey 8.0.1'],
    ]);
    expect(currentServer()).toMatchObject({ id: 'redis-7.0', server: '/usr/bin/redis-server', cli: '/usr/bin/redis-cli' });
  });

  it('says the vendor folder is missing when it is, naming the folder and how to point at another', () => {
    const valkey = matrixServer('valkey-8');
    expect(valkey.available).toBe(false);
    expect(valkey.unavailableReason).toBe(
      `../shared/vendor not found (${join(base, 'vendor')}; set REDIS_REVIEW_VENDOR to the folder holding valkey-8.0.1.tar.gz)`,
    );
  });

  it('says a server is not built yet when its archive is there, and how to build it', () => {
    mkdirSync(join(base, 'vendor'));
    writeFileSync(join(base, 'vendor', 'redis-7.4.1.tar.gz'), '');
    expect(matrixServer('redis-7.4').unavailableReason).toBe(
      `redis-7.4.1 is not built yet (bash scripts/install-tools.sh builds it into ${join(base, 'tools', 'servers', 'redis-7.4.1')})`,
    );
    expect(matrixServer('valkey-8').unavailableReason).toBe(`${join(base, 'vendor', 'valkey-8.0.1.tar.gz')} not found`);
  });

  it('finds a finished build in the tools cache; one still linking (empty server, no sentinel yet) is not built', () => {
    const valkeySrc = join(base, 'tools', 'servers', 'valkey-8.0.1', 'src');
    mkdirSync(join(base, 'vendor'));
    writeFileSync(join(base, 'vendor', 'valkey-8.0.1.tar.gz'), '');
    mkdirSync(valkeySrc, { recursive: true });
    writeFileSync(join(valkeySrc, 'valkey-server'), '');
    program(join(valkeySrc, 'valkey-cli'));
    expect(matrixServer('valkey-8')).toMatchObject({ available: false, unavailableReason: expect.stringMatching(/^valkey-8\.0\.1 is not built yet/) });
    program(join(valkeySrc, 'valkey-server'));
    expect(matrixServer('valkey-8').available).toBe(false);
    program(join(valkeySrc, 'valkey-sentinel'));
    expect(matrixServer('valkey-8')).toMatchObject({
      available: true, server: join(valkeySrc, 'valkey-server'), cli: join(valkeySrc, 'valkey-cli'),
      sentinel: join(valkeySrc, 'valkey-sentinel'), sentinelArgs: [],
    });
    expect(matrixServer('valkey-8').unavailableReason).toBeUndefined();
  });

  it('runs the server in Sentinel mode where there is no separate sentinel program', () => {
    const bin = join(base, 'bin');
    program(join(bin, 'redis-server'));
    expect(sentinelOf(join(bin, 'redis-server'), join(bin, 'redis-sentinel'))).toEqual({ sentinel: join(bin, 'redis-server'), sentinelArgs: ['--sentinel'] });
    program(join(bin, 'redis-sentinel'));
    expect(sentinelOf(join(bin, 'redis-server'), join(bin, 'redis-sentinel'))).toEqual({ sentinel: join(bin, 'redis-sentinel'), sentinelArgs: [] });
  });

  it('runs on the server REDIS_REVIEW_SERVER names, and refuses an unknown name listing the valid ones', () => {
    process.env.REDIS_REVIEW_SERVER = 'valkey-8';
    expect(currentServer()).toMatchObject({ id: 'valkey-8', product: 'valkey', redisCompatibleVersion: '7.2.4' });
    process.env.REDIS_REVIEW_SERVER = 'valkey-9';
    expect(() => currentServer()).toThrow('Unknown server "valkey-9": use one of redis-7.0, redis-7.4, valkey-8');
  });

  it('lets single programs be overridden', () => {
    process.env.REDIS_SERVER_BIN = '/opt/redis/bin/redis-server';
    process.env.REDIS_SENTINEL_BIN = '/opt/redis/bin/redis-sentinel';
    expect(currentServer()).toMatchObject({
      id: 'redis-7.0', server: '/opt/redis/bin/redis-server', sentinel: '/opt/redis/bin/redis-sentinel', sentinelArgs: [],
      cli: '/usr/bin/redis-cli', available: false,
    });
  });

  it('answers version questions per product: Valkey 8 is not Redis 7.4 but speaks the Redis 7.2 API', () => {
    process.env.REDIS_REVIEW_SERVER = 'redis-7.4';
    expect([serverAtLeast('redis', '7.4'), serverAtLeast('redis', '7.4.2'), serverAtLeast('valkey', '8'), isValkey()]).toEqual([true, false, false, false]);
    process.env.REDIS_REVIEW_SERVER = 'valkey-8';
    expect([serverAtLeast('redis', '7.4'), serverAtLeast('valkey', '8.0'), redisApiAtLeast('7.2'), redisApiAtLeast('7.4'), isValkey()]).toEqual([false, true, true, false, true]);
    process.env.REDIS_REVIEW_SERVER = 'redis-7.0';
    expect([serverAtLeast('redis', '7.0.15'), redisApiAtLeast('7.2')]).toEqual([true, false]);
    expect(compareVersions('7.10', '7.4')).toBe(1);
    expect(compareVersions('8.0', '8.0.0')).toBe(0);
  });
});
