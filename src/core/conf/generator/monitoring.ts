/** Prometheus alerting rules for redis_exporter metrics, tuned to the workload, plus what to scrape. */
import type { ResolvedOptions } from './options';

export function renderAlertRules(options: ResolvedOptions): string {
  const evictionAlert = options.workload === 'cache' || options.workload === 'ratelimit'
    ? `      - alert: RedisEvictionStorm
        expr: rate(redis_evicted_keys_total[5m]) > 1000
        for: 15m
        labels: { severity: warning }
        annotations:
          summary: "{{ $labels.instance }} evicts more than 1000 keys/s"
          description: "Eviction is expected for a ${options.workload}, but this rate means the working set no longer fits: raise maxmemory or shorten TTLs."`
    : `      - alert: RedisEvictingData
        expr: increase(redis_evicted_keys_total[5m]) > 0
        labels: { severity: critical }
        annotations:
          summary: "{{ $labels.instance }} evicted keys"
          description: "A ${options.workload} must never evict: check maxmemory-policy (noeviction) and memory growth."`;
  const replication = options.mode === 'standalone' ? '' : `
      - alert: RedisReplicationLinkDown
        expr: redis_master_link_up == 0
        for: 1m
        labels: { severity: critical }
        annotations:
          summary: "{{ $labels.instance }} lost its link to the master"
          description: "The replica is not receiving writes; reads from it are stale and it cannot take over safely."
      - alert: RedisMissingReplicas
        expr: redis_connected_slaves < ${options.replicas} and on(instance) redis_instance_info{role="master"}
        for: 5m
        labels: { severity: warning }
        annotations:
          summary: "{{ $labels.instance }} has fewer than ${options.replicas} replicas connected"
          description: "Failover capacity is reduced."`;
  const persistence = options.durability === 'none' ? '' : `
      - alert: RedisRdbSaveFailing
        expr: redis_rdb_last_bgsave_status == 0
        for: 1m
        labels: { severity: critical }
        annotations:
          summary: "{{ $labels.instance }}: the last background save failed"
          description: "Snapshots are failing (disk full or permissions); with stop-writes-on-bgsave-error writes are refused."${options.durability.startsWith('aof') ? `
      - alert: RedisAofWriteFailing
        expr: redis_aof_last_write_status == 0 or redis_aof_last_bgrewrite_status == 0
        for: 1m
        labels: { severity: critical }
        annotations:
          summary: "{{ $labels.instance }}: AOF writes or rewrites are failing"
          description: "Acknowledged writes may not be durable."` : ''}`;
  return `# Prometheus alerting rules for the ${options.workload} deployment (${options.mode}), metrics from oliver006/redis_exporter.
# Load with rule_files in prometheus.yml; check with: promtool check rules redis-alerts.yml
groups:
  - name: redis-${options.workload}
    rules:
      - alert: RedisDown
        expr: redis_up == 0
        for: 1m
        labels: { severity: critical }
        annotations:
          summary: "{{ $labels.instance }} is not answering"
          description: "redis_exporter cannot reach the server."
      - alert: RedisMemoryNearLimit
        expr: redis_memory_max_bytes > 0 and (redis_memory_used_bytes / redis_memory_max_bytes) > 0.9
        for: 5m
        labels: { severity: ${options.workload === 'cache' ? 'warning' : 'critical'} }
        annotations:
          summary: "{{ $labels.instance }} uses more than 90% of maxmemory"
          description: "${options.workload === 'cache' || options.workload === 'ratelimit' ? 'Eviction is about to intensify.' : 'Writes will fail with OOM errors at maxmemory (noeviction).'}"
${evictionAlert}
      - alert: RedisRejectedConnections
        expr: increase(redis_rejected_connections_total[5m]) > 0
        labels: { severity: warning }
        annotations:
          summary: "{{ $labels.instance }} rejected connections"
          description: "maxclients was reached: look for connection leaks or raise the limit."
      - alert: RedisHighFragmentation
        expr: redis_mem_fragmentation_ratio > 1.5 and redis_memory_used_bytes > 100 * 1024 * 1024
        for: 30m
        labels: { severity: warning }
        annotations:
          summary: "{{ $labels.instance }} memory fragmentation above 1.5"
          description: "RSS is much larger than the dataset; a restart (or failover) reclaims it on builds without active defrag."${replication}${persistence}
`;
}

export function renderMonitoringNotes(options: ResolvedOptions): string {
  const targets = options.ports.slice(0, options.nodeCount).map((port) => `redis://${options.announceHost}:${port}`);
  return `# Monitoring the ${options.workload} deployment

Run [redis_exporter](https://github.com/oliver006/redis_exporter) next to Prometheus and scrape every data node
(and replicas: replication alerts need them):

\`\`\`yaml
scrape_configs:
  - job_name: redis
    static_configs:
      - targets: [${targets.map((t) => `"${t}"`).join(', ')}]
    metrics_path: /scrape
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: 127.0.0.1:9121   # the exporter
rule_files:
  - redis-alerts.yml
\`\`\`

The exporter authenticates as the \`exporter\` ACL user (read-only INFO, CONFIG GET, SLOWLOG, LATENCY):
\`REDIS_USER=exporter REDIS_PASSWORD=$REDIS_EXPORTER_PASSWORD redis_exporter\`. Check the rules with
\`promtool check rules redis-alerts.yml\`.
`;
}
