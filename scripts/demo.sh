#!/usr/bin/env bash
# The demo: a local redis-server seeded with a realistic dataset, and a real VS Code (code-server) with the
# extension installed on a copy of the examples/ workspace (its npm packages installed, so VS Code's TypeScript
# reports nothing but Redis Review's findings) and the demo connection configured. Prints the URL, then the CLI's
# review of the same workspace. Only what changed is rebuilt: dist/ bundles whose sources changed, the .vsix when
# what it ships changed (both kept in out/demo/ between runs). Ctrl+C stops everything.
#
#   bash scripts/demo.sh                          run in the foreground until Ctrl+C
#   DEMO_EXIT_AFTER_START=1 bash scripts/demo.sh  start, print the URL and give the terminal back (the demo keeps
#                                                 running; stop it with: bash scripts/demo.sh stop)
#   bash scripts/demo.sh stop                     stop a demo started with DEMO_EXIT_AFTER_START=1
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS="${REDIS_REVIEW_TOOLS:-$HOME/.cache/redis-review-tools}"
CODE_SERVER="$TOOLS/code-server-4.139.1/node_modules/.bin/code-server"
NODE24_BIN="$TOOLS/node24/node_modules/node/bin"
REDIS_PORT="${DEMO_REDIS_PORT:-6390}"
VSCODE_PORT="${DEMO_PORT:-8080}"
CACHE="$ROOT/out/demo"
STATE="${DEMO_STATE:-$CACHE/running.env}"  # where a demo left running records what to stop
mkdir -p "$CACHE"

step() { printf '[%3ss] %s\n' "$SECONDS" "$*"; }

stop_running() {
  [ -f "$STATE" ] || return 1
  # shellcheck disable=SC1090
  . "$STATE"
  [ -n "${CS_PID:-}" ] && kill -- -"$CS_PID" 2>/dev/null || true
  [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null || true
  [ -n "${DATA:-}" ] && rm -rf "$DATA"
  rm -f "$STATE"
}

if [ "${1:-}" = stop ]; then
  if stop_running; then echo "Stopped the demo."; else echo "No demo started with DEMO_EXIT_AFTER_START=1 is running."; fi
  exit 0
fi
if [ -f "$STATE" ]; then step "stopping the demo that was still running"; stop_running || true; fi

[ -x "$CODE_SERVER" ] || bash scripts/install-tools.sh
[ -d node_modules ] || npm ci --no-audit --no-fund

DATA=$(mktemp -d /tmp/redis-review-demo-XXXX)
KEEP_RUNNING=0
cleanup() {
  [ "$KEEP_RUNNING" = 1 ] && return
  [ -n "${CS_PID:-}" ] && kill -- -"$CS_PID" 2>/dev/null || true
  [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The server starts and is seeded first, in the background while the build is checked.
step "starting redis-server on 127.0.0.1:$REDIS_PORT"
setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA" --save '' --appendonly no --daemonize no \
  --logfile "$DATA/redis.log" --maxmemory 256mb --maxmemory-policy allkeys-lru >"$DATA/redis.out" 2>&1 &
REDIS_PID=$!

for _ in $(seq 300); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 || { echo "redis-server did not start on port $REDIS_PORT (in use?): $(tail -3 "$DATA/redis.log")" >&2; exit 1; }
step "seeding redis (in the background)"
node --import tsx scripts/seed-demo.ts "redis://127.0.0.1:$REDIS_PORT" >"$DATA/seed.log" 2>&1 &
SEED_PID=$!

step "checking the build (dist/ and out/demo/redis-review.vsix)"
node scripts/buildIfChanged.mjs --vsix "$CACHE/redis-review.vsix" | sed 's/^/       /'

step "checking the examples/ packages (express, ioredis, node-redis and their types)"
node scripts/exampleDependencies.mjs 2>&1 | sed 's/^/       /'


mkdir -p "$DATA/home" "$DATA/user/User"
export HOME="$DATA/home" XDG_CONFIG_HOME="$DATA/home/.config" XDG_DATA_HOME="$DATA/home/.local/share" XDG_CACHE_HOME="$DATA/home/.cache"
VSIX_STAMP="$(stat -c '%Y %s' "$CACHE/redis-review.vsix")"
if [ "$(cat "$CACHE/ext/.installed-vsix" 2>/dev/null)" != "$VSIX_STAMP" ]; then
  step "installing the .vsix into code-server"
  rm -rf "$CACHE/ext" && mkdir -p "$CACHE/ext"
  PATH="$NODE24_BIN:$PATH" "$CODE_SERVER" --extensions-dir "$CACHE/ext" --install-extension "$CACHE/redis-review.vsix" >/dev/null
  echo "$VSIX_STAMP" >"$CACHE/ext/.installed-vsix"
else
  step "the installed extension is up to date"
fi
cat > "$DATA/user/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none", "chat.disableAIFeatures": true, "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "security.workspace.trust.enabled": false,
  "redisReview.connections": [{ "name": "Demo (seeded)", "url": "redis://127.0.0.1:$REDIS_PORT" }]
}
JSON
# The workspace is a copy (edits in the demo stay out of the repo); its packages are the installed ones.
WORKSPACE="$DATA/examples"
mkdir -p "$WORKSPACE"
for entry in examples/* examples/.[!.]*; do
  [ -e "$entry" ] && [ "$(basename "$entry")" != node_modules ] && cp -r "$entry" "$WORKSPACE/"
done
ln -s "$ROOT/examples/node_modules" "$WORKSPACE/node_modules"

step "starting VS Code (code-server) on 127.0.0.1:$VSCODE_PORT"
PATH="$NODE24_BIN:$PATH" setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$VSCODE_PORT" --auth none \
  --user-data-dir "$DATA/user" --extensions-dir "$CACHE/ext" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --ignore-last-opened "$WORKSPACE" >"$DATA/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$VSCODE_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$VSCODE_PORT/healthz" >/dev/null 2>&1 || { echo "code-server did not start: $(tail -5 "$DATA/code-server.log")" >&2; exit 1; }
wait "$SEED_PID" || { echo "seeding failed: $(cat "$DATA/seed.log")" >&2; exit 1; }
step "$(cat "$DATA/seed.log")"

URL="http://127.0.0.1:$VSCODE_PORT/?folder=$WORKSPACE"
echo
echo "Redis Review is running in VS Code at: $URL"
echo "Redis (seeded) at redis://127.0.0.1:$REDIS_PORT  - connection \"Demo (seeded)\" is configured in the Redis sidebar."
echo "(ready after ${SECONDS}s)"
echo
echo "== the same review on the command line: redis-review lint examples/"
(cd "$WORKSPACE" && node "$ROOT/dist/cli.js" lint .) || true
echo
if [ "${DEMO_EXIT_AFTER_START:-}" = 1 ]; then
  printf 'DATA=%q\nREDIS_PID=%q\nCS_PID=%q\nURL=%q\n' "$DATA" "$REDIS_PID" "$CS_PID" "$URL" >"$STATE"
  KEEP_RUNNING=1
  echo "The demo keeps running in the background. Stop it with: bash scripts/demo.sh stop"
  exit 0
fi
echo "Press Ctrl+C to stop."
wait "$CS_PID"
