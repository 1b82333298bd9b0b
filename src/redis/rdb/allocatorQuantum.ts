/**
 * Which jemalloc build a live server runs: the RDB size model rounds allocations the way it does (see
 * core/rdb/allocator.ts). `MEMORY MALLOC-STATS` prints "Quantum size: N"; a server that refuses the command (ACL,
 * a non-jemalloc build) leaves the default.
 */
import type Redis from 'ioredis';
import { quantumFromMallocStats, type AllocatorQuantum } from '../../core/rdb/allocator';
import { isCluster, type RedisClient } from '../client';

export async function allocatorQuantumOf(node: Redis): Promise<AllocatorQuantum | undefined> {
  try {
    return quantumFromMallocStats(String(await node.call('MEMORY', 'MALLOC-STATS')));
  } catch {
    return undefined;
  }
}

/** The same for a connection: the server itself, or a Cluster's first master (its nodes run one build). */
export async function allocatorQuantumOfClient(client: RedisClient): Promise<AllocatorQuantum | undefined> {
  if (!isCluster(client)) return allocatorQuantumOf(client);
  const master = client.nodes('master')[0];
  return master ? allocatorQuantumOf(master) : undefined;
}
