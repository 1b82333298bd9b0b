#!/usr/bin/env bash
# The whole test suite: build, then unit, integration (real redis-server topologies; the server-facing suites again
# on Redis 7.4 and Valkey 8 where they are built) and end-to-end tests (extension-host and UI tests in a real
# VS Code), each with its runner's summary, then per-run counts and durations and one closing total.
set -uo pipefail
cd "$(dirname "$0")/.."

REPORTS=test-results
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
status=0

step() { printf '\n=== %s ===\n' "$*"; }

step "build (webpack)"
npx webpack --mode production --stats errors-warnings || exit 1
step "typecheck"
npx tsc -p . --noEmit || status=1
npx tsc -p tsconfig.e2e.json || status=1

# One vitest run with its JSON report (<name>.json) and its duration in seconds (<name>.seconds).
run_vitest() { # <report name> <vitest arguments...>
  local name=$1 started=$SECONDS
  shift
  npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$REPORTS/$name.json" || status=1
  echo $((SECONDS - started)) >"$REPORTS/$name.seconds"
}

# The server-facing integration suites again on Redis 7.4 and Valkey 8 (the suites and the servers are listed in
# test/helpers/serverMatrix.ts). A server not built here is skipped with one line saying why, never a failure.
run_server_matrix() {
  local suites ids id why
  suites=$(npx tsx scripts/serverMatrix.ts suites) && ids=$(npx tsx scripts/serverMatrix.ts ids) || { status=1; return; }
  for id in $ids; do
    step "integration tests on $id"
    if why=$(npx tsx scripts/serverMatrix.ts check "$id"); then
      echo "$why"
      # shellcheck disable=SC2086 # one suite path a word
      REDIS_REVIEW_SERVER=$id run_vitest "integration-$id" --project integration $suites
    elif [ $? -eq 3 ]; then
      echo "skipped: $why" | tee "$REPORTS/integration-$id.skipped"
    else
      echo "$why"
      status=1
    fi
  done
}

for project in unit integration e2e; do
  step "$project tests"
  run_vitest "$project" --project "$project"
  [ "$project" = integration ] && run_server_matrix
done

node scripts/summarize-tests.mjs "$REPORTS" || status=1
exit $status
