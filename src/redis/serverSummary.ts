/** Reads what the Connections tree shows per topology: INFO summary, Cluster nodes with memory, Sentinel master/replicas. */
import Redis from 'ioredis';
import { parseClusterNodes, type ClusterNodeInfo } from '../core/info/clusterNodes';
import { parseInfo, infoNumber } from '../core/info/parseInfo';
import { summarizeServer, type ServerSummary } from '../core/info/serverSummary';
import type { ConnectionProfile, ConnectionSecrets, HostPort } from '../core/connection/profile';
import { isCluster, type RedisClient } from './client';
import { tlsOptions } from './connection/clientOptions';

/** INFO of one server (or a cluster's first master), summarised. */
export async function readServerSummary(client: RedisClient): Promise<ServerSummary> {
  const target = isCluster(client) ? client.nodes('master')[0] : client;
  if (!target) throw new Error('No cluster master is reachable');
  return summarizeServer(parseInfo(await target.info()));
}

export interface ClusterNodeView extends ClusterNodeInfo {
  usedMemoryBytes?: number;
  /** Why memory could not be read (node down, ...). */
  error?: string;
}

/** Every node of the cluster with role, slots and used memory (a down node keeps its row with the error). */
export async function readClusterNodes(client: RedisClient): Promise<ClusterNodeView[]> {
  if (!isCluster(client)) return [];
  const reachable = client.nodes('all');
  let text: string | undefined;
  let lastError: unknown;
  for (const node of reachable) {
    try {
      text = String(await node.call('CLUSTER', 'NODES'));
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (text === undefined) throw lastError ?? new Error('No cluster node answered CLUSTER NODES');
  const byAddress = new Map(reachable.map((n) => [`${n.options.host}:${n.options.port}`, n]));
  return Promise.all(
    parseClusterNodes(text).map(async (node): Promise<ClusterNodeView> => {
      if (node.flags.includes('fail') || !node.connected) {
        return { ...node, error: node.flags.includes('fail') ? 'failed' : 'disconnected' };
      }
      const redis = byAddress.get(node.address);
      if (!redis) return node;
      try {
        return { ...node, usedMemoryBytes: infoNumber(parseInfo(await redis.info('memory')).memory, 'used_memory') };
      } catch (error) {
        return { ...node, error: (error as Error).message };
      }
    }),
  );
}

export interface SentinelTopology {
  master: HostPort & { flags: string[] };
  replicas: Array<HostPort & { flags: string[]; linkUp: boolean }>;
  /** The sentinel that answered. */
  answeredBy: HostPort;
}

function fields(flat: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(flat)) for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  else if (flat && typeof flat === 'object') for (const [k, v] of Object.entries(flat)) out[k] = String(v);
  return out;
}

/** Ask the sentinels (first one that answers) for the current master and its replicas. */
export async function readSentinelTopology(profile: ConnectionProfile, secrets: ConnectionSecrets): Promise<SentinelTopology> {
  const sentinel = profile.sentinel;
  if (!sentinel) throw new Error('Not a Sentinel profile');
  let lastError: unknown;
  for (const address of sentinel.addresses) {
    const client = new Redis({
      host: address.host,
      port: address.port,
      username: sentinel.username,
      password: secrets.sentinelPassword,
      tls: sentinel.tls ? tlsOptions(profile) : undefined,
      connectTimeout: profile.connectTimeoutMs,
      commandTimeout: profile.commandTimeoutMs,
      lazyConnect: true,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      enableReadyCheck: false,
    });
    client.on('error', (error) => (lastError = error));
    try {
      await client.connect();
      const master = fields(await client.call('SENTINEL', 'MASTER', sentinel.masterName));
      const replicas = (await client.call('SENTINEL', 'REPLICAS', sentinel.masterName)) as unknown[];
      return {
        master: { host: master.ip, port: Number(master.port), flags: (master.flags ?? '').split(',') },
        replicas: replicas.map(fields).map((r) => ({
          host: r.ip,
          port: Number(r.port),
          flags: (r.flags ?? '').split(','),
          linkUp: r['master-link-status'] === 'ok',
        })),
        answeredBy: address,
      };
    } catch (error) {
      lastError = error;
    } finally {
      client.disconnect();
    }
  }
  throw lastError instanceof Error ? lastError : new Error('No Sentinel answered');
}

/** DBSIZE summed over the masters of a cluster (a master that does not answer counts 0). */
export async function countClusterKeys(client: RedisClient): Promise<number> {
  if (!isCluster(client)) return client.dbsize();
  const sizes = await Promise.all(client.nodes('master').map((node) => node.dbsize().catch(() => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}
