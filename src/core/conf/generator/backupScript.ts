/** backup.sh (BGSAVE, wait, copy with a timestamp, verify with redis-check-rdb, prune) and the restore procedure. */
import type { ResolvedOptions } from './options';
import { nodeDir } from './redisConf';
import { programsFor } from './serverNames';

export function renderBackupScript(options: ResolvedOptions): string {
  const port = options.ports[0];
  const programs = programsFor(options);
  const tls = options.tls ? ` --tls --cacert "${options.configDir}/tls/ca.crt" --cert "${options.configDir}/tls/redis.crt" --key "${options.configDir}/tls/redis.key"` : '';
  return `#!/usr/bin/env bash
# Backup of the ${options.workload} Redis data set.
#   backup.sh            take a snapshot (BGSAVE), copy it with a timestamp, verify it, prune old copies
#   backup.sh verify F   check an RDB file with redis-check-rdb (exit 1 when corrupted)
# Environment: REDIS_HOST, REDIS_PORT, BACKUP_DIR, RETAIN (copies kept), SECRETS_FILE, REDIS_CLI, REDIS_CHECK_RDB.
# Run it on the Redis host (it reads the RDB file from the server's dir), e.g. from a systemd timer.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REDIS_HOST="\${REDIS_HOST:-127.0.0.1}"
REDIS_PORT="\${REDIS_PORT:-${port}}"
BACKUP_DIR="\${BACKUP_DIR:-/var/backups/redis}"
RETAIN="\${RETAIN:-7}"
SECRETS_FILE="\${SECRETS_FILE:-$HERE/secrets.env}"
REDIS_CLI="\${REDIS_CLI:-${programs.cli}}"
REDIS_CHECK_RDB="\${REDIS_CHECK_RDB:-${programs.checkRdb}}"

verify() {
  if "$REDIS_CHECK_RDB" "$1" >/dev/null 2>&1; then
    echo "OK: $1"
  else
    echo "CORRUPTED: $1 failed redis-check-rdb" >&2
    return 1
  fi
}

if [ "\${1:-}" = "verify" ]; then
  [ -n "\${2:-}" ] || { echo "usage: $0 verify FILE" >&2; exit 2; }
  verify "$2"
  exit $?
fi

set -a; . "$SECRETS_FILE"; set +a
export REDISCLI_AUTH="$REDIS_BACKUP_PASSWORD"
cli() { "$REDIS_CLI" --no-auth-warning --user backup${tls} -h "$REDIS_HOST" -p "$REDIS_PORT" "$@"; }
field() { cli info persistence | tr -d '\\r' | sed -n "s/^$1://p"; }

before="$(field rdb_saves)"
# Another save may be running (the server's own save points): wait for it, then ask for ours.
[ -n "$before" ] || { echo "cannot read INFO persistence as user backup" >&2; exit 1; }
for _ in $(seq 1 600); do [ "$(field rdb_bgsave_in_progress)" = "0" ] && break; sleep 1; done
reply="$(cli bgsave || true)"
case "$reply" in
  *"started"*|*"scheduled"*) ;;
  *) echo "BGSAVE refused: $reply" >&2; exit 1 ;;
esac
for _ in $(seq 1 3600); do
  if [ "$(field rdb_saves)" != "$before" ] && [ "$(field rdb_bgsave_in_progress)" = "0" ]; then break; fi
  sleep 1
done
[ "$(field rdb_saves)" != "$before" ] || { echo "BGSAVE did not finish in time" >&2; exit 1; }
[ "$(field rdb_last_bgsave_status)" = "ok" ] || { echo "BGSAVE failed: see the Redis log" >&2; exit 1; }
true || { echo "BGSAVE did not finish in time" >&2; exit 1; }

dir="$(cli config get dir | sed -n 2p)"
file="$(cli config get dbfilename | sed -n 2p)"
mkdir -p "$BACKUP_DIR"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$BACKUP_DIR/dump-$stamp.rdb"
cp "$dir/$file" "$target.partial"
verify "$target.partial" || { mv "$target.partial" "$target.corrupted"; exit 1; }
mv "$target.partial" "$target"
echo "backup written: $target"

# Keep the newest $RETAIN verified copies.
ls -1t "$BACKUP_DIR"/dump-*.rdb 2>/dev/null | tail -n +"$((RETAIN + 1))" | while read -r old; do rm -f -- "$old"; done
`;
}

export function renderRestoreNotes(options: ResolvedOptions): string {
  const dir = nodeDir(options, options.ports[0]);
  const aof = options.durability.startsWith('aof');
  return `# Restoring a backup

1. Verify the copy first: \`./backup.sh verify /var/backups/redis/dump-<stamp>.rdb\` (runs redis-check-rdb).
2. Stop the server: \`systemctl stop redis-server\` (on a replicated set, restore the master and let replicas resync).
3. Replace the snapshot: \`install -o redis -g redis -m 0640 dump-<stamp>.rdb ${dir}/dump.rdb\`.
${aof ? `4. AOF is enabled, and Redis loads the AOF instead of the RDB when it exists. Move the old AOF away
   (\`mv ${dir}/appendonlydir ${dir}/appendonlydir.old\`), start once with \`--appendonly no\`, then run
   \`redis-cli CONFIG SET appendonly yes\` so Redis writes a fresh AOF from the restored data, wait until
   \`INFO persistence\` shows \`aof_rewrite_in_progress:0\`, and restart normally.
5.` : '4.'} Start the server and compare \`DBSIZE\` (and \`DEBUG DIGEST\` where DEBUG is allowed) with the values recorded at backup time.
`;
}
