/** The closing summary of `npm test`: counts and durations per run, the integration matrix per server, skips with their reason. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeReports } from '../../../scripts/summarize-tests.mjs';

let dir: string;

function report(name: string, passed: number, failed = 0, seconds?: number): void {
  const testResults = [{ status: failed ? 'failed' : 'passed', assertionResults: [] as Array<{ status: string }> }];
  for (let i = 0; i < failed; i++) testResults[0].assertionResults.push({ status: 'failed' });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: 1, numTodoTests: 0, testResults }));
  if (seconds !== undefined) writeFileSync(join(dir, `${name}.seconds`), `${seconds}\n`);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rr-summary-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('summarizeReports', () => {
  it('prints one line per server of the integration matrix with its duration, and adds them to the total', () => {
    report('unit', 900, 0, 75);
    report('integration', 300, 0, 1300);
    report('integration-redis-7.4', 200, 0, 640);
    report('integration-valkey-8', 199, 1, 3601);
    report('e2e', 40, 0, 900);
    const { lines, ok } = summarizeReports(dir);
    expect(lines.slice(2)).toEqual([
      'unit: 900 passed, 0 failed, 1 skipped (1 files) in 1 min 15 s',
      'integration (redis-7.0): 300 passed, 0 failed, 1 skipped (1 files) in 21 min 40 s',
      'integration (redis-7.4): 200 passed, 0 failed, 1 skipped (1 files) in 10 min 40 s',
      'integration (valkey-8): 199 passed, 1 failed, 1 skipped (1 files) in 60 min 1 s',
      'e2e: 40 passed, 0 failed, 1 skipped (1 files) in 15 min 0 s',
      '1639 passed, 1 failed, 5 skipped',
      'FAILED integration (valkey-8):  > (unnamed): ',
    ]);
    expect(ok).toBe(false);
  });

  it('shows a server skipped for lack of its build with the reason, and stays green', () => {
    report('unit', 10);
    report('integration', 10);
    report('e2e', 10);
    writeFileSync(join(dir, 'integration-redis-7.4.skipped'), 'skipped: ../shared/vendor not found (/x/shared/vendor)\n');
    const { lines, ok } = summarizeReports(dir);
    expect(lines).toContain('integration (redis-7.4): skipped: ../shared/vendor not found (/x/shared/vendor)');
    expect(lines.at(-1)).toBe('30 passed, 0 failed, 3 skipped');
    expect(ok).toBe(true);
  });

  it('names each failed test last, with the start of its error and without colours or stack frames', () => {
    report('unit', 10);
    report('e2e', 10);
    const testResults = [
      {
        name: '/check/work/main/test/integration/redis/connectionCluster.test.ts',
        status: 'failed',
        assertionResults: [
          { status: 'passed', fullName: 'cluster connects' },
          {
            status: 'failed',
            fullName: 'cluster is whole again after failover',
            failureMessages: ['\x1b[31mError: Test timed out in 30000ms.\x1b[39m\n    at Timeout._onTimeout (/x/node_modules/vitest/dist/a.js:1:1)\nIf this is a long-running test, pass a timeout value'],
          },
        ],
      },
      { name: '/check/work/main/test/integration/redis/scan.test.ts', status: 'failed', message: 'Error: listen EADDRINUSE 127.0.0.1:6390', assertionResults: [] },
    ];
    writeFileSync(join(dir, 'integration.json'), JSON.stringify({ numPassedTests: 1, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0, testResults }));
    const { lines, ok } = summarizeReports(dir);
    expect(lines.slice(-3)).toEqual([
      '21 passed, 2 failed, 2 skipped',
      'FAILED integration (redis-7.0): test/integration/redis/connectionCluster.test.ts > cluster is whole again after failover: Error: Test timed out in 30000ms. | If this is a long-running test, pass a timeout value',
      'FAILED integration (redis-7.0): test/integration/redis/scan.test.ts (the file itself): Error: listen EADDRINUSE 127.0.0.1:6390',
    ]);
    expect(ok).toBe(false);
  });

  it('fails when a run left no report', () => {
    report('unit', 10);
    report('e2e', 10);
    const { lines, ok } = summarizeReports(dir);
    expect(lines).toContain('integration (redis-7.0): no report (the runner did not finish)');
    expect(ok).toBe(false);
  });
});
