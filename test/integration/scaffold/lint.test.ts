/**
 * `redis-review lint` (the review engine) on every generated file: no findings, except the engine's known
 * false positives listed below, each reported to the review engine's owner rather than worked around in the
 * templates. The list is exact, so the test fails both on a new finding and when the engine gets fixed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands';
import { runCli } from '../../../src/cli/main';
import { generateScaffold } from '../../../src/core/scaffold/generate';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';

/**
 * command-in-loop on loops whose every iteration depends on the previous reply (retry-until-acquired, poll,
 * cursor paging): nothing can be batched there. Python's equivalent `while True:` loops are not flagged.
 */
const KNOWN_ENGINE_FALSE_POSITIVES = [
  'cacheAside.ts command-in-loop (get-or-lock retry loop)',
  'distributedLock.ts command-in-loop (acquire retry loop)',
  'idempotencyKeys.ts command-in-loop (claim-or-replay retry loop)',
  'timeSeriesEvents.ts command-in-loop (XRANGE cursor paging)',
];

let dir: string;
const hasLint = COMMANDS.some((command) => command.name === 'lint');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'redis-review-scaffold-lint-'));
  for (const pattern of SCAFFOLD_PATTERNS) {
    for (const language of ['python', 'typescript'] as const) {
      for (const file of generateScaffold(pattern.id, language, { withTests: true })) writeFileSync(join(dir, file.path), file.content);
    }
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('generated code under redis-review lint', () => {
  it.skipIf(!hasLint)('has no findings beyond the engine\'s known false positives', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['lint', dir, '--format', 'json'], { cwd: dir, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { findings } = JSON.parse(stdout) as { findings: Array<{ file: string; ruleId: string; line: number }> };
    const seen = findings.map((finding) => `${finding.file} ${finding.ruleId}`).sort();
    expect(seen).toEqual(KNOWN_ENGINE_FALSE_POSITIVES.map((entry) => entry.replace(/ \(.*\)$/, '')).sort());
  });
});
