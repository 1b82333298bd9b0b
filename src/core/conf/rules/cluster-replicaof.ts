/** cluster-replicaof: replicaof is not allowed on a cluster node (use CLUSTER REPLICATE). */
import type { ConfRule } from '../rule';

export const clusterReplicaof: ConfRule = {
  id: 'cluster-replicaof',
  code: 'RC143',
  severity: 'error',
  category: 'cluster',
  summary: '`replicaof` in a cluster node config.',
  rationale: 'Cluster nodes get their replication role from the cluster (redis-cli --cluster create, CLUSTER REPLICATE); Redis refuses replicaof in cluster mode.',
  bad: 'cluster-enabled yes\nreplicaof 10.0.0.5 6379',
  good: 'cluster-enabled yes',
  sentinel: false,
  check(context) {
    const directive = context.last('replicaof');
    if (!directive || !context.bool('cluster-enabled') || !context.isReplica()) return [];
    return [{ message: 'replicaof is not allowed in cluster mode; assign replicas with CLUSTER REPLICATE or redis-cli --cluster.', ...context.lineRange(directive) }];
  },
};
