#!/usr/bin/env bash
# The demo: builds and packages the extension, starts a local redis-server seeded with a realistic dataset, and
# opens a real VS Code (code-server) with the extension installed on the examples/ workspace and the demo
# connection configured. Prints the URL, and the CLI's review of the same workspace. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS="${REDIS_REVIEW_TOOLS:-$HOME/.cache/redis-review-tools}"
CODE_SERVER="$TOOLS/code-server-4.139.1/node_modules/.bin/code-server"
NODE24_BIN="$TOOLS/node24/node_modules/node/bin"
REDIS_PORT="${DEMO_REDIS_PORT:-6390}"
VSCODE_PORT="${DEMO_PORT:-8080}"
[ -x "$CODE_SERVER" ] || bash scripts/install-tools.sh
[ -d node_modules ] || npm ci --no-audit --no-fund

DATA=$(mktemp -d /tmp/redis-review-demo-XXXX)
cleanup() {
  [ -n "${CS_PID:-}" ] && kill -- -"$CS_PID" 2>/dev/null || true
  [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT INT TERM

echo "== building and packaging the extension"
node scripts/package-vsix.mjs "$DATA/redis-review.vsix" >/dev/null

echo "== starting redis-server on 127.0.0.1:$REDIS_PORT and seeding it"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA" --save '' --appendonly no --daemonize no \
  --logfile "$DATA/redis.log" --maxmemory 256mb --maxmemory-policy allkeys-lru &
REDIS_PID=$!
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
npx tsx scripts/seed-demo.ts "redis://127.0.0.1:$REDIS_PORT"

echo "== installing the .vsix into code-server"
mkdir -p "$DATA/home" "$DATA/user/User" "$DATA/ext"
export HOME="$DATA/home" XDG_CONFIG_HOME="$DATA/home/.config" XDG_DATA_HOME="$DATA/home/.local/share" XDG_CACHE_HOME="$DATA/home/.cache"
PATH="$NODE24_BIN:$PATH" "$CODE_SERVER" --extensions-dir "$DATA/ext" --install-extension "$DATA/redis-review.vsix" >/dev/null
cat > "$DATA/user/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none", "chat.disableAIFeatures": true, "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "redisReview.connections": [{ "name": "Demo (seeded)", "url": "redis://127.0.0.1:$REDIS_PORT" }]
}
JSON
WORKSPACE="$DATA/examples"
cp -r examples "$WORKSPACE"

echo "== the same review on the command line: redis-review lint examples/"
(cd "$WORKSPACE" && node "$ROOT/dist/cli.js" lint .) || true

PATH="$NODE24_BIN:$PATH" setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$VSCODE_PORT" --auth none \
  --user-data-dir "$DATA/user" --extensions-dir "$DATA/ext" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --ignore-last-opened "$WORKSPACE" >"$DATA/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$VSCODE_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
echo
echo "Redis Review is running in VS Code at: http://127.0.0.1:$VSCODE_PORT/?folder=$WORKSPACE"
echo "Redis (seeded) at redis://127.0.0.1:$REDIS_PORT  - connection \"Demo (seeded)\" is configured in the Redis sidebar."
if [ "${DEMO_EXIT_AFTER_START:-}" = 1 ]; then exit 0; fi
echo "Press Ctrl+C to stop."
wait "$CS_PID"
