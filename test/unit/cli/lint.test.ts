/** `redis-review lint` end to end on a temporary project: walking, skipping, formats and exit codes. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';

let root: string;

function write(path: string, text: string | Buffer): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}

async function lint(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['lint', ...args], { cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-lint-'));
  mkdirSync(join(root, '.git'));
  write('app/users.py', 'import redis\n\nr = redis.Redis()\n\n\ndef active():\n    return r.keys("user:*")\n');
  write('src/feed.ts', "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\nexport const f = () => redis.lrange('feed', 0, -1);\n");
  write('tests/test_users.py', 'import redis\nr = redis.Redis()\nr.keys("user:*")\n');
  write('node_modules/dep/index.js', "const Redis = require('ioredis'); new Redis().keys('*');\n");
  write('.venv/lib/x.py', 'import redis\nredis.Redis().keys("*")\n');
  write('.gitignore', 'generated/\n');
  write('generated/out.py', 'import redis\nredis.Redis().keys("*")\n');
  write('big/huge.py', 'x = 1\n'.repeat(400_000));
  write('bin/blob.py', Buffer.from([0x69, 0x6d, 0x00, 0x01, 0x02]));
  write('deploy/redis.conf', 'bind 0.0.0.0\nprotected-mode no\n');
  write('evidence/handlers.js', "export async function purge(req) {\n  return req.redis.keys('ticket:*');\n}\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('redis-review lint', () => {
  it('prints ESLint-style text, skips ignored folders, reports big and binary files, and exits 1 on errors', async () => {
    const { code, stdout, stderr } = await lint();
    expect(code).toBe(1);
    expect(stdout).toContain('app/users.py\n  7:14  error');
    expect(stdout).toContain('keys-command');
    expect(stdout).toMatch(/✖ \d+ problems/);
    expect(stdout).not.toContain('node_modules');
    expect(stdout).not.toContain('generated/out.py');
    expect(stdout).not.toContain('.venv');
    expect(stdout).not.toContain('tests/test_users.py');
    expect(stderr).toContain('big/huge.py: skipped');
    expect(stderr).toContain('2 MB');
    expect(stderr).toContain('bin/blob.py: skipped: binary file');
    expect(stdout).toContain('deploy/redis.conf');
  });

  it('writes the JSON shape with 1-based positions and fixes', async () => {
    const { code, stdout } = await lint('app', '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.version).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ file: 'app/users.py', line: 7, column: 14, endLine: 7, endColumn: 18, ruleId: 'keys-command', severity: 'error', fix: expect.objectContaining({ safe: false }) }),
    ]);
  });

  it('says how sure each finding is: proven for traced clients, likely with the evidence otherwise', async () => {
    const { stdout } = await lint('app', 'evidence', '--format', 'json');
    const findings = JSON.parse(stdout).findings;
    expect(findings.find((f: { file: string }) => f.file === 'app/users.py')).toMatchObject({ confidence: 'proven' });
    expect(findings.find((f: { file: string }) => f.file === 'app/users.py').evidence).toBeUndefined();
    const likely = findings.find((f: { file: string }) => f.file === 'evidence/handlers.js');
    expect(likely).toMatchObject({ ruleId: 'keys-command', line: 2, confidence: 'likely', evidence: '`req.redis` is named as a Redis client' });
    expect(likely.message).toContain('Likely a Redis client: `req.redis` is named as a Redis client');
    const sarif = JSON.parse((await lint('evidence', '--format', 'sarif')).stdout);
    expect(sarif.runs[0].results[0].properties).toEqual({ confidence: 'likely', evidence: '`req.redis` is named as a Redis client' });
  });

  it('writes SARIF 2.1.0 with rule metadata', async () => {
    const { stdout } = await lint('app', 'src', '--format', 'sarif');
    const sarif = JSON.parse(stdout);
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'keys-command');
    expect(rule.shortDescription.text).toBeTruthy();
    expect(rule.fullDescription.text).toBeTruthy();
    expect(rule.help.text).toBeTruthy();
    expect(rule.helpUri).toMatch(/keys-command\.md$/);
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'keys-command');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 14, endLine: 7, endColumn: 18 });
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('keys-command');
  });

  it('applies --rule overrides and --max-warnings', async () => {
    expect((await lint('app', '--rule', 'keys-command=warning')).code).toBe(0);
    expect((await lint('app', '--rule', 'keys-command=warning', '--max-warnings', '0')).code).toBe(1);
    expect((await lint('app', '--rule', 'keys-command=off', '--format', 'json')).stdout).toContain('"findings": []');
  });

  it('reads .redis-review.json and rejects invalid configuration with exit 2', async () => {
    write('.redis-review.json', JSON.stringify({ rules: { 'keys-command': 'off' } }));
    expect((await lint('app')).code).toBe(0);
    write('.redis-review.json', JSON.stringify({ rules: { 'keys-comand': 'off' } }));
    const bad = await lint('app');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule "keys-comand"');
    rmSync(join(root, '.redis-review.json'));
  });

  it('exits 2 on usage errors', async () => {
    expect((await lint('--format', 'xml')).code).toBe(2);
    expect((await lint('--rule', 'nope=error')).code).toBe(2);
    expect((await lint('--max-warnings', '-1')).code).toBe(2);
    expect((await lint('missing-folder')).code).toBe(2);
    const jobs = await lint('--jobs', '0');
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain('--jobs expects a whole number of threads');
  });

  it('prints the same report with --jobs 2 (worker threads) as with --jobs 1', async () => {
    const one = await lint('--format', 'json', '--jobs', '1');
    const two = await lint('--format', 'json', '--jobs', '2');
    expect(JSON.parse(one.stdout).findings.length).toBeGreaterThan(3);
    expect(two).toEqual(one);
  }, 60_000);
});
