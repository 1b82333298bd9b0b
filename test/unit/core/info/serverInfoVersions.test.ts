/**
 * INFO as Redis 7.0.15, Redis 7.4.1 and Valkey 8.0.1 really answer it (`INFO everything` captured from each
 * server with a few keys, hash field TTLs on 7.4): the server is named and versioned as itself, keyspace lines
 * with 7.4's `subexpiry` parse, and the figures the stats tab and the tree show come out on every server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeStats } from '../../../../src/core/info/instanceStats';
import { flattenInfo, infoNumber, parseInfo, parseKeyspace } from '../../../../src/core/info/parseInfo';
import { serverDisplayName, serverIdentity, shownVersion } from '../../../../src/core/info/serverIdentity';
import { describeServer, summarizeServer } from '../../../../src/core/info/serverSummary';

const fixture = (name: string) => parseInfo(readFileSync(join(__dirname, '../../../fixtures/info', name), 'utf8'));
const redis70 = fixture('redis-7.0.15.info.txt');
const redis74 = fixture('redis-7.4.1.info.txt');
const valkey8 = fixture('valkey-8.0.1.info.txt');

describe('server identity', () => {
  it('Redis reports itself by redis_version', () => {
    expect(serverIdentity(redis70.server)).toEqual({ name: 'Redis', version: '7.0.15', redisCompatibleVersion: '7.0.15' });
    expect(serverIdentity(redis74.server)).toEqual({ name: 'Redis', version: '7.4.1', redisCompatibleVersion: '7.4.1' });
    expect(serverDisplayName(redis74.server)).toBe('Redis 7.4.1');
    expect(shownVersion(redis74.server)).toBe('7.4.1');
  });

  it('Valkey is named Valkey with its own release, keeping the Redis version it is compatible with', () => {
    expect(valkey8.server.redis_version).toBe('7.2.4');
    expect(serverIdentity(valkey8.server)).toEqual({ name: 'Valkey', version: '8.0.1', redisCompatibleVersion: '7.2.4' });
    expect(serverDisplayName(valkey8.server)).toBe('Valkey 8.0.1');
    // The flattened record (what analysis facts keep) identifies it just as well.
    expect(serverDisplayName(flattenInfo(valkey8))).toBe('Valkey 8.0.1');
  });

  it('the mode comes from redis_mode, or from server_mode on Valkey 8', () => {
    expect(valkey8.server.redis_mode).toBeUndefined();
    expect(summarizeServer(valkey8).mode).toBe('standalone');
    expect(summarizeServer({ server: { ...valkey8.server, server_mode: 'cluster' } }).mode).toBe('cluster');
    expect(summarizeServer(redis74).mode).toBe('standalone');
  });

  it('an INFO without version fields is unknown, not a crash', () => {
    expect(serverIdentity(undefined)).toEqual({ name: 'Redis', version: 'unknown', redisCompatibleVersion: 'unknown' });
    expect(serverIdentity({ server_name: 'valkey', redis_version: '7.2.4' }).version).toBe('7.2.4');
  });
});

describe('keyspace lines', () => {
  it('7.4 appends subexpiry: hashes holding fields with a TTL', () => {
    expect(parseKeyspace(redis74.keyspace)).toEqual([
      { db: 0, keys: 4, expires: 1, avgTtlMs: expect.any(Number), keysWithFieldTtls: 2 },
      { db: 2, keys: 1, expires: 0, avgTtlMs: 0, keysWithFieldTtls: 0 },
    ]);
  });

  it('7.0 and Valkey 8 have no subexpiry, and the field stays absent', () => {
    for (const info of [redis70, valkey8]) {
      const entries = parseKeyspace(info.keyspace);
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry).not.toHaveProperty('keysWithFieldTtls');
    }
  });
});

describe('figures every server reports', () => {
  it.each([
    ['Redis 7.0', redis70, '7.0.15'],
    ['Redis 7.4', redis74, '7.4.1'],
    ['Valkey 8', valkey8, 'Valkey 8.0.1'],
  ])('%s: stats and the tree summary', (_, info, version) => {
    const stats = nodeStats('127.0.0.1:6379', info, null);
    expect(stats.redisVersion).toBe(version);
    expect(stats.role).toBe('master');
    expect(stats.usedMemory).toBeGreaterThan(0);
    expect(stats.usedMemoryRss).toBeGreaterThan(0);
    expect(stats.keys).toBe(parseKeyspace(info.keyspace).reduce((sum, db) => sum + db.keys, 0));
    expect(stats.datasetBytes).toBeGreaterThan(0);
    expect(stats.overheadBytes).toBeGreaterThan(0);
    const summary = summarizeServer(info);
    expect(summary.version).toBe(version);
    expect(describeServer(summary)).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')} · master · `));
  });

  it('newer memory and stats fields parse as numbers where the server has them', () => {
    // 7.4 and Valkey 8 both report the memory a rehashing main dict holds; 7.0 does not.
    expect(infoNumber(redis74.memory, 'mem_overhead_db_hashtable_rehashing')).toBe(0);
    expect(infoNumber(valkey8.memory, 'mem_overhead_db_hashtable_rehashing')).toBe(0);
    expect(infoNumber(redis70.memory, 'mem_overhead_db_hashtable_rehashing')).toBeUndefined();
    // Hash fields expired by their TTL (7.4) are counted apart from expired keys.
    expect(infoNumber(redis74.stats, 'expired_subkeys')).toBeGreaterThanOrEqual(0);
    expect(infoNumber(redis74.stats, 'expired_keys')).toBeGreaterThanOrEqual(0);
  });
});
