/** create-cluster.sh: starts every node of the generated cluster and joins them with redis-cli --cluster create. */
import type { ResolvedOptions } from './options';
import { programsFor } from './serverNames';

export function renderClusterScript(options: ResolvedOptions): string {
  const nodes = options.ports.slice(0, options.nodeCount);
  const programs = programsFor(options);
  const tls = options.tls ? ` --tls --cacert "${options.configDir}/tls/ca.crt" --cert "${options.configDir}/tls/redis.crt" --key "${options.configDir}/tls/redis.key"` : '';
  return `#!/usr/bin/env bash
# Starts the ${nodes.length} nodes of the ${options.workload} cluster (${options.masters} masters x ${options.replicas} replica(s))
# from the redis-<port>.conf files next to this script, then creates the cluster.
# On real hosts run each node under systemd instead and use only the "create" part.
# Needs: ${programs.server} and ${programs.cli} (REDIS_SERVER / REDIS_CLI to use others), the ops password in secrets.env, TCP <port> and <port>+10000 open between nodes.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REDIS_SERVER="\${REDIS_SERVER:-${programs.server}}"
REDIS_CLI="\${REDIS_CLI:-${programs.cli}}"
SECRETS_FILE="\${SECRETS_FILE:-$HERE/secrets.env}"
HOST="\${CLUSTER_HOST:-${options.announceHost}}"
PORTS=(${nodes.join(' ')})
set -a; . "$SECRETS_FILE"; set +a
export REDISCLI_AUTH="$REDIS_OPS_PASSWORD"
cli() { "$REDIS_CLI" --no-auth-warning --user ops${tls} -h "$HOST" "$@"; }

for port in "\${PORTS[@]}"; do
  if cli -p "$port" ping >/dev/null 2>&1; then continue; fi
  mkdir -p "${options.dataDir}/$port"
  "$REDIS_SERVER" "$HERE/redis-$port.conf" --daemonize yes
done
for port in "\${PORTS[@]}"; do
  for _ in $(seq 1 100); do cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  cli -p "$port" ping >/dev/null
done

if cli -p "\${PORTS[0]}" cluster info | grep -q 'cluster_state:ok'; then
  echo "cluster already formed"; exit 0
fi
addresses=()
for port in "\${PORTS[@]}"; do addresses+=("$HOST:$port"); done
cli --cluster create "\${addresses[@]}" --cluster-replicas ${options.replicas} --cluster-yes

for _ in $(seq 1 300); do
  ok=1
  for port in "\${PORTS[@]}"; do cli -p "$port" cluster info | grep -q 'cluster_state:ok' || ok=0; done
  [ "$ok" = 1 ] && { echo "cluster_state:ok on \${#PORTS[@]} nodes"; exit 0; }
  sleep 0.2
done
echo "cluster did not reach cluster_state:ok" >&2
exit 1
`;
}
