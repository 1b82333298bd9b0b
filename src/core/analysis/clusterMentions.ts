/**
 * Whether a source text speaks of Redis Cluster: a cluster client type or constructor, a "Redis Cluster" name, a
 * cluster-mode switch, or slot talk (CROSSSLOT, hash slots). The bare word "cluster" is not enough: Go services
 * run on Kubernetes clusters and talk to Kafka or Elasticsearch clusters, and those say nothing about how their
 * Redis is deployed. Read as evidence that a client which may be a Cluster client (a go-redis UniversalClient, a
 * rueidis.Client) is one.
 */
const REDIS_CLUSTER_MENTION = new RegExp(
  [
    // go-redis, Jedis, Lettuce, redis-py, ioredis and node-redis cluster clients and their options.
    String.raw`ClusterClient\b|\bClusterOptions\b|\bJedisCluster\b|\bRedisCluster\w*|\bcreateCluster\b|\bnew\s+(?:Redis\.)?Cluster\b`,
    // "Redis Cluster", redis-cluster, REDIS_CLUSTER_ADDRS, redisCluster.
    String.raw`redis[ _-]?cluster`,
    // Cluster-mode switches: ClusterMode, cluster_enabled, IsCluster, UseCluster, `Cluster bool`, `cluster: true`.
    String.raw`cluster[ _-]?(?:mode|enabled?)\b|\b(?:is|use|enable)[ _-]?cluster\b|\bcluster\s*(?:bool\b|[:=]\s*true\b)`,
    // Deployment lists next to Redis' own Sentinel ("single/sentinel/cluster", "sentinel or cluster").
    String.raw`\bsentinel\W{1,5}(?:or\W+)?cluster\b|\bcluster\W{1,5}(?:or\W+)?sentinel\b`,
    // Slot talk only a Cluster deployment needs.
    String.raw`\bCROSSSLOT\b|\bhash[ _-]?slots?\b|\bClusterSlots\b|\bClusterNodes\b|\bForEachMaster\b|\bKeySlot\b`,
  ].join('|'),
  'i',
);

/**
 * Every mention above spells "cluster", "slot" or "ForEachMaster": a text without any of them is settled by one
 * scan for three words instead of the many alternatives tried at each of its characters.
 */
const CLUSTER_WORDS = /cluster|slot|foreachmaster/i;

export function mentionsRedisCluster(text: string): boolean {
  return CLUSTER_WORDS.test(text) && REDIS_CLUSTER_MENTION.test(text);
}
