/** The bundled CLI (dist/, built before the suite runs) starts its bundled worker threads for `--jobs 2`. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = resolve(__dirname, '../../../../dist/cli.js');
const built = existsSync(cli) && existsSync(resolve(__dirname, '../../../../dist/lintWorker.js'));
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-bundled-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, 'app/users.py'), 'import redis\n\nr = redis.Redis()\n\n\ndef active():\n    return r.keys("user:*")\n');
  writeFileSync(join(root, 'app/feed.ts'), "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const f = () => redis.lrange('feed', 0, -1);\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(jobs: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, 'lint', '.', '--format', 'json', '--jobs', jobs], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.skipIf(!built)('bundled redis-review lint --jobs', () => {
  it('lints on two worker threads with the same report and no fallback', async () => {
    const one = await run('1');
    const two = await run('2');
    expect(one.code).toBe(1);
    expect(JSON.parse(one.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(expect.arrayContaining(['keys-command', 'missing-error-listener']));
    expect(two).toEqual(one);
    expect(two.stderr).not.toContain('could not lint');
  }, 60_000);
});
