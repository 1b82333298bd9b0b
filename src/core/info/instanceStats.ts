/** Pure derivation of the figures the Memory & stats tab shows, from parsed INFO and MEMORY STATS of one node. */
import type { NodeStats, StatsSnapshot } from '../../shared/protocol';
import { infoNumber, parseKeyspace, type ParsedInfo } from './parseInfo';
import { shownVersion } from './serverIdentity';

/** MEMORY STATS as name → value ("dataset.bytes" → 390952); nested per-db maps are skipped. */
export function parseMemoryStats(reply: unknown[]): Record<string, number | string> {
  const stats: Record<string, number | string> = {};
  for (let index = 0; index + 1 < reply.length; index += 2) {
    const value = reply[index + 1];
    if (Array.isArray(value) || value === null || value === undefined) continue;
    const text = String(value);
    const number = Number(text);
    stats[String(reply[index])] = text !== '' && Number.isFinite(number) ? number : text;
  }
  return stats;
}

function replicationLag(info: ParsedInfo): number | null {
  const replication = info.replication ?? {};
  if (replication.role === 'slave') return infoNumber(replication, 'master_last_io_seconds_ago') ?? null;
  const masterOffset = infoNumber(replication, 'master_repl_offset');
  if (masterOffset === undefined) return null;
  let lag: number | null = null;
  for (const [name, value] of Object.entries(replication)) {
    if (!/^slave\d+$/.test(name)) continue;
    const offset = /offset=(\d+)/.exec(value);
    if (offset) lag = Math.max(lag ?? 0, masterOffset - Number(offset[1]));
  }
  return lag;
}

export function nodeStats(address: string, info: ParsedInfo, memoryStats: Record<string, number | string> | null): NodeStats {
  const n = (section: string, field: string) => infoNumber(info[section], field) ?? 0;
  const hits = n('stats', 'keyspace_hits');
  const misses = n('stats', 'keyspace_misses');
  const memoryNumber = (name: string) => (typeof memoryStats?.[name] === 'number' ? (memoryStats[name] as number) : null);
  return {
    address,
    role: info.replication?.role ?? 'master',
    usedMemory: n('memory', 'used_memory'),
    maxMemory: n('memory', 'maxmemory'),
    usedMemoryRss: n('memory', 'used_memory_rss'),
    usedMemoryPeak: n('memory', 'used_memory_peak'),
    fragmentationRatio: n('memory', 'mem_fragmentation_ratio'),
    datasetBytes: memoryNumber('dataset.bytes') ?? infoNumber(info.memory, 'used_memory_dataset') ?? null,
    overheadBytes: memoryNumber('overhead.total') ?? infoNumber(info.memory, 'used_memory_overhead') ?? null,
    evictionPolicy: info.memory?.maxmemory_policy ?? '',
    evictedKeys: n('stats', 'evicted_keys'),
    expiredKeys: n('stats', 'expired_keys'),
    keyspaceHits: hits,
    keyspaceMisses: misses,
    hitRatio: hits + misses === 0 ? null : hits / (hits + misses),
    opsPerSec: n('stats', 'instantaneous_ops_per_sec'),
    connectedClients: n('clients', 'connected_clients'),
    blockedClients: n('clients', 'blocked_clients'),
    keys: parseKeyspace(info.keyspace).reduce((sum, db) => sum + db.keys, 0),
    lastSaveTime: n('persistence', 'rdb_last_save_time'),
    rdbLastStatus: info.persistence?.rdb_last_bgsave_status ?? '',
    aofEnabled: info.persistence?.aof_enabled === '1',
    aofLastStatus: info.persistence?.aof_last_write_status ?? '',
    connectedReplicas: n('replication', 'connected_slaves'),
    replicationLag: replicationLag(info),
    uptimeSeconds: n('server', 'uptime_in_seconds'),
    redisVersion: info.server?.redis_version === undefined ? '' : shownVersion(info.server),
  };
}

/** Totals over masters only: replicas hold copies, so adding their keys or memory would double count. */
export function statsSnapshot(at: number, nodes: NodeStats[]): StatsSnapshot {
  const masters = nodes.filter((node) => node.role === 'master');
  const counted = masters.length > 0 ? masters : nodes;
  const sum = (pick: (node: NodeStats) => number) => counted.reduce((total, node) => total + pick(node), 0);
  const hits = sum((node) => node.keyspaceHits);
  const misses = sum((node) => node.keyspaceMisses);
  return {
    at,
    nodes,
    totals: {
      usedMemory: sum((node) => node.usedMemory),
      maxMemory: sum((node) => node.maxMemory),
      usedMemoryRss: sum((node) => node.usedMemoryRss),
      opsPerSec: nodes.reduce((total, node) => total + node.opsPerSec, 0),
      connectedClients: nodes.reduce((total, node) => total + node.connectedClients, 0),
      blockedClients: nodes.reduce((total, node) => total + node.blockedClients, 0),
      keys: sum((node) => node.keys),
      evictedKeys: sum((node) => node.evictedKeys),
      expiredKeys: sum((node) => node.expiredKeys),
      keyspaceHits: hits,
      keyspaceMisses: misses,
      hitRatio: hits + misses === 0 ? null : hits / (hits + misses),
    },
  };
}
