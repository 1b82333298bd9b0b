/**
 * The test files users get with --with-tests pass against a real redis-server: pytest (when Debian's python3 has
 * it, i.e. python3-pytest is installed) and vitest (the project's own) over every pattern.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { BUSY_MACHINE_MS, makeWorkspace, removeWorkspace, REPO_ROOT, run, SYSTEM_PYTHON } from './harness';

let server: Standalone;
let pythonDir: string;
let typescriptDir: string;
let hasPytest = false;

beforeAll(async () => {
  server = await startStandalone();
  pythonDir = makeWorkspace('python');
  typescriptDir = makeWorkspace('typescript');
  hasPytest = (await run(SYSTEM_PYTHON, ['-c', 'import pytest'], { cwd: pythonDir })).code === 0;
});

afterAll(async () => {
  await server?.stop();
  for (const dir of [pythonDir, typescriptDir]) if (dir) removeWorkspace(dir);
});

/** Passed tests from a pytest ("N passed in") or vitest ("Tests  N passed") summary. */
function passedCount(output: string): number {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const match = /Tests\s+(\d+) passed/.exec(plain) ?? /(\d+) passed in/.exec(plain);
  return match ? Number(match[1]) : 0;
}

describe('generated test files', () => {
  it('every generated pytest file passes (python3-pytest)', async (context) => {
    if (!hasPytest) context.skip('pytest is not installed for /usr/bin/python3 (apt-get install python3-pytest)');
    const files = SCAFFOLD_PATTERNS.map((pattern) => `test_${pattern.templates.python.moduleName}.py`);
    const result = await run(SYSTEM_PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', ...files], {
      cwd: pythonDir,
      env: { REDIS_URL: server.url, PYTHONDONTWRITEBYTECODE: '1' },
      timeoutMs: BUSY_MACHINE_MS,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(passedCount(result.stdout)).toBeGreaterThanOrEqual(SCAFFOLD_PATTERNS.length * 2);
  }, BUSY_MACHINE_MS + 60_000);

  it('every generated vitest file passes', async () => {
    writeFileSync(join(typescriptDir, 'vitest.config.mjs'), "export default { test: { include: ['*.test.ts'], testTimeout: 60000 } };\n");
    const vitest = join(REPO_ROOT, 'node_modules', '.bin', 'vitest');
    const result = await run(vitest, ['run', '--root', typescriptDir, '--config', join(typescriptDir, 'vitest.config.mjs')], {
      cwd: typescriptDir,
      env: { REDIS_URL: server.url, CI: '1' },
      timeoutMs: BUSY_MACHINE_MS,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(passedCount(result.stdout)).toBeGreaterThanOrEqual(SCAFFOLD_PATTERNS.length * 2);
  }, BUSY_MACHINE_MS + 60_000);
});
