// Prints one line per test run (unit, integration, the integration matrix per server, e2e) with its duration, and a
// closing "N passed, N failed" total, from vitest's JSON reports and the .seconds/.skipped files scripts/test-all.sh
// writes next to them. Failed tests are named last, with the start of their error, because a CI log is often read
// only from its tail.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Counts of one vitest JSON report; a file that failed without a failing test (a crash in a hook or at import) counts as one failure. */
function countReport(report) {
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + brokenFiles,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    files: (report.testResults ?? []).length,
  };
}

/** The first lines of an error, without ANSI colours and vitest's stack frames: enough to tell one failure from another. */
function errorHead(message) {
  return String(message ?? '')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('at ') && !line.startsWith('❯'))
    .slice(0, 3)
    .map((line) => (line.length > 240 ? `${line.slice(0, 239)}…` : line))
    .join(' | ');
}

/** One line per failed test (or per file that broke outside its tests) of a report: run, file, test name, error. */
function failureLines(report, label) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const path = String(file.name ?? '').replace(/^.*?\/(test\/)/, '$1');
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    if (file.status === 'failed' && failed.length === 0) lines.push(`FAILED ${label}: ${path} (the file itself): ${errorHead(file.message)}`);
    for (const test of failed) {
      lines.push(`FAILED ${label}: ${path} > ${test.fullName ?? test.title ?? '(unnamed)'}: ${errorHead((test.failureMessages ?? []).join('\n'))}`);
    }
  }
  return lines;
}

function duration(dir, name) {
  const file = join(dir, `${name}.seconds`);
  if (!existsSync(file)) return '';
  const seconds = Number(readFileSync(file, 'utf8').trim());
  return ` in ${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The matrix runs present in the folder ("redis-7.4", "valkey-8"), run or skipped, in name order. */
function matrixIds(dir) {
  const ids = new Set();
  for (const name of readdirSync(dir)) {
    const match = /^integration-(.+)\.(json|skipped)$/.exec(name);
    if (match) ids.add(match[1]);
  }
  return [...ids].sort();
}

/** The summary lines of a reports folder and whether the whole run is green (nothing failed, nothing missing). */
export function summarizeReports(dir) {
  const lines = ['', '=== summary ==='];
  const total = { passed: 0, failed: 0, skipped: 0 };
  let missing = false;
  const failures = [];
  const runs = [
    { name: 'unit', label: 'unit' },
    { name: 'integration', label: 'integration (redis-7.0)' },
    ...matrixIds(dir).map((id) => ({ name: `integration-${id}`, label: `integration (${id})`, id })),
    { name: 'e2e', label: 'e2e' },
  ];
  for (const run of runs) {
    const file = join(dir, `${run.name}.json`);
    const skippedBecause = join(dir, `${run.name}.skipped`);
    if (!existsSync(file)) {
      if (run.id && existsSync(skippedBecause)) {
        lines.push(`${run.label}: skipped: ${readFileSync(skippedBecause, 'utf8').trim().replace(/^skipped: /, '')}`);
        continue;
      }
      lines.push(`${run.label}: no report (the runner did not finish)`);
      missing = true;
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const counts = countReport(report);
    failures.push(...failureLines(report, run.label));
    lines.push(`${run.label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${counts.files} files)${duration(dir, run.name)}`);
    if (counts.passed === 0) missing = true;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  // The mocha tests inside the real VS Code run as one vitest test; their own counts are written next to the reports.
  const host = join(dir, 'extension-host.json');
  if (existsSync(host)) {
    const counts = JSON.parse(readFileSync(host, 'utf8'));
    lines.push(`extension-host (mocha inside VS Code): ${counts.passing} passed, ${counts.failing} failed`);
    total.passed += counts.passing;
    total.failed += counts.failing;
  }
  lines.push(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  lines.push(...failures);
  return { lines, ok: total.failed === 0 && !missing };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { lines, ok } = summarizeReports(process.argv[2] ?? 'test-results');
  console.log(lines.join('\n'));
  process.exit(ok ? 0 : 1);
}
