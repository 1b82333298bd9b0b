/** The servers a browse operation fans out to: the client itself, or every Cluster master. */
import type { Redis } from 'ioredis';
import { isCluster, type RedisClient } from '../client';

/** What browse functions need from a session: the client, and whether writes must be refused. */
export interface BrowseTarget {
  client: RedisClient;
  readOnly: boolean;
}

/** Masters to scan or poll: for a Cluster every master node, else the one client. */
export function masterNodes(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('master') : [client];
}

/** Every node (masters and replicas) for per-node stats; a standalone/Sentinel client is its own node. */
export function allNodes(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('all') : [client];
}

export function nodeAddress(node: Redis): string {
  const options = node.options;
  return `${options.host ?? '127.0.0.1'}:${options.port ?? 6379}`;
}
