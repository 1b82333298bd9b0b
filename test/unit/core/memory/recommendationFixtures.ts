/** Builds recommendation contexts from hand-made keys and server facts (pure: no server involved). */
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import type { RecommendationContext } from '../../../../src/core/memory/recommendations/recommendation';
import type { NodeFacts } from '../../../../src/core/memory/serverFacts';
import type { KeyRecord } from '../../../../src/core/memory/types';

export function key(name: string, type: string, fields: Partial<KeyRecord> & { node?: string } = {}): KeyRecord & { node?: string } {
  return { key: name, type, encoding: 'listpack', ttlMs: -1, memoryBytes: 100, length: 1, ...fields };
}

export function many(count: number, make: (i: number) => KeyRecord): KeyRecord[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

/** A healthy node: password set, maxmemory and a policy, persistence on, a recent Redis. */
export function node(overrides: { info?: Record<string, string>; config?: Record<string, string>; name?: string } & Partial<NodeFacts> = {}): NodeFacts {
  const { info, config, name, ...rest } = overrides;
  return {
    node: name ?? '10.0.0.1:6379',
    info: { redis_version: '7.4.1', connected_clients: '5', used_memory: '1000000', total_system_memory: '8000000000', keyspace_hits: '0', keyspace_misses: '0', evicted_keys: '0', rejected_connections: '0', number_of_cached_scripts: '1', mem_fragmentation_ratio: '1.1', mem_fragmentation_bytes: '1000', rdb_last_bgsave_status: 'ok', aof_last_bgrewrite_status: 'ok', aof_last_write_status: 'ok', connected_slaves: '0', db0: 'keys=10,expires=0,avg_ttl=0', ...info },
    config: { maxmemory: '1000000000', 'maxmemory-policy': 'allkeys-lru', save: '3600 1', appendonly: 'no', 'list-compress-depth': '0', 'hash-max-listpack-entries': '128', 'zset-max-listpack-entries': '128', 'set-max-intset-entries': '512', 'repl-backlog-size': '1048576', activedefrag: 'no', ...config },
    aclUsers: ['user default on #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8 ~* &* +@all'],
    ...rest,
  };
}

export function context(keys: Array<KeyRecord & { node?: string }>, nodes: NodeFacts[] = [node()], cluster = false): RecommendationContext {
  const collector = new MemoryCollector();
  for (const n of nodes) collector.beginNode(n.node, 0, 'full');
  for (const k of keys) collector.add(k, k.node ?? nodes[0].node);
  return { report: collector.build(), keys: collector, facts: { cluster, nodes } };
}
