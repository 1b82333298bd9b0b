// Prints one line per test kind and a closing "N passed, N failed" total from vitest's JSON reports.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = false;
console.log('\n=== summary ===');
for (const kind of ['unit', 'integration', 'e2e']) {
  const file = join(dir, `${kind}.json`);
  if (!existsSync(file)) {
    console.log(`${kind}: no report (the runner did not finish)`);
    missing = true;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  // A file that failed without a failing test (a crash in a hook or at import) counts as one failure.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
  const f = (report.numFailedTests ?? 0) + brokenFiles;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  console.log(`${kind}: ${p} passed, ${f} failed, ${s} skipped (${(report.testResults ?? []).length} files)`);
  if (p === 0) missing = true;
  passed += p;
  failed += f;
  skipped += s;
}
// The mocha tests inside the real VS Code run as one vitest test; their own counts are written next to the reports.
const host = join(dir, 'extension-host.json');
if (existsSync(host)) {
  const counts = JSON.parse(readFileSync(host, 'utf8'));
  console.log(`extension-host (mocha inside VS Code): ${counts.passing} passed, ${counts.failing} failed`);
  passed += counts.passing;
  failed += counts.failing;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing ? 1 : 0);
