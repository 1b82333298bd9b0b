/** The stats tab's figures derived from INFO and MEMORY STATS. */
import { describe, expect, it } from 'vitest';
import { nodeStats, parseMemoryStats, statsSnapshot } from '../../../../src/core/info/instanceStats';
import { parseInfo } from '../../../../src/core/info/parseInfo';

const INFO = [
  '# Server', 'redis_version:7.0.15', 'uptime_in_seconds:100',
  '# Clients', 'connected_clients:5', 'blocked_clients:1',
  '# Memory', 'used_memory:1000', 'used_memory_rss:3000', 'used_memory_peak:1500', 'maxmemory:10000', 'maxmemory_policy:allkeys-lru', 'mem_fragmentation_ratio:3.00', 'used_memory_dataset:600', 'used_memory_overhead:400',
  '# Persistence', 'rdb_last_save_time:1700000000', 'rdb_last_bgsave_status:ok', 'aof_enabled:1', 'aof_last_write_status:ok',
  '# Stats', 'instantaneous_ops_per_sec:42', 'keyspace_hits:30', 'keyspace_misses:10', 'evicted_keys:7', 'expired_keys:9',
  '# Replication', 'role:master', 'connected_slaves:1', 'slave0:ip=127.0.0.1,port=7001,state=online,offset=900,lag=0', 'master_repl_offset:1000',
  '# Keyspace', 'db0:keys=10,expires=2,avg_ttl=0', 'db3:keys=5,expires=0,avg_ttl=0',
].join('\r\n');

describe('nodeStats', () => {
  it('derives every figure from INFO', () => {
    const stats = nodeStats('a', parseInfo(INFO), null);
    expect(stats).toMatchObject({
      usedMemory: 1000, usedMemoryRss: 3000, usedMemoryPeak: 1500, maxMemory: 10000, evictionPolicy: 'allkeys-lru', fragmentationRatio: 3,
      datasetBytes: 600, overheadBytes: 400, opsPerSec: 42, hitRatio: 0.75, evictedKeys: 7, expiredKeys: 9, connectedClients: 5, blockedClients: 1,
      keys: 15, lastSaveTime: 1700000000, aofEnabled: true, role: 'master', connectedReplicas: 1, replicationLag: 100, redisVersion: '7.0.15',
    });
  });

  it('prefers MEMORY STATS for dataset and overhead, and reports no hit ratio before any lookup', () => {
    const memory = parseMemoryStats(['dataset.bytes', 390952, 'overhead.total', 876720, 'db.0', ['overhead.hashtable.main', 152], 'fragmentation', '13.8']);
    expect(memory).toEqual({ 'dataset.bytes': 390952, 'overhead.total': 876720, fragmentation: 13.8 });
    const stats = nodeStats('a', parseInfo(INFO.replace('keyspace_hits:30', 'keyspace_hits:0').replace('keyspace_misses:10', 'keyspace_misses:0')), memory);
    expect(stats.datasetBytes).toBe(390952);
    expect(stats.overheadBytes).toBe(876720);
    expect(stats.hitRatio).toBeNull();
  });

  it('reports a replica lag as seconds since the last master interaction', () => {
    const replica = nodeStats('r', parseInfo('# Replication\r\nrole:slave\r\nmaster_last_io_seconds_ago:4\r\n'), null);
    expect(replica.role).toBe('slave');
    expect(replica.replicationLag).toBe(4);
  });
});

describe('statsSnapshot', () => {
  it('totals masters only, so replicas do not double count keys or memory', () => {
    const master = nodeStats('m', parseInfo(INFO), null);
    const replica = { ...master, address: 'r', role: 'slave' };
    const snapshot = statsSnapshot(5, [master, { ...master, address: 'm2' }, replica]);
    expect(snapshot.totals.keys).toBe(30);
    expect(snapshot.totals.usedMemory).toBe(2000);
    expect(snapshot.totals.hitRatio).toBe(0.75);
    expect(snapshot.totals.connectedClients).toBe(15);
    expect(snapshot.at).toBe(5);
  });
});
