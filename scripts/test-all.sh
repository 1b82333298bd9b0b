#!/usr/bin/env bash
# The whole test suite: build, then unit, integration (real redis-server topologies) and end-to-end tests
# (extension-host and UI tests in a real VS Code), each with its runner's summary, then one closing total.
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

for project in unit integration e2e; do
  step "$project tests"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$REPORTS/$project.json" || status=1
done

node scripts/summarize-tests.mjs "$REPORTS" || status=1
exit $status
