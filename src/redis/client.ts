/** The one client type the rest of src/redis works with: a standalone/Sentinel client or a Cluster client. */
import type { Cluster, Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

export function isCluster(client: RedisClient): client is Cluster {
  return (client as Cluster).isCluster === true;
}
