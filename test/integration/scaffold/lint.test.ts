/**
 * `redis-review lint` (the review engine) on every generated file: no findings at all. The retry, poll and
 * cursor-paging loops of the templates (SET NX retry, GET polling, XRANGE paging) depend on each reply, so
 * command-in-loop must not report them, in TypeScript as in Python.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands';
import { runCli } from '../../../src/cli/main';
import { generateScaffold } from '../../../src/core/scaffold/generate';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';

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
  it.skipIf(!hasLint)('has no findings', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['lint', dir, '--format', 'json'], { cwd: dir, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { findings } = JSON.parse(stdout) as { findings: Array<{ file: string; ruleId: string; line: number }> };
    expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([]);
  });
});
