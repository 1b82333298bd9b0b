/** `redis-review lint` reads the `.lua` files of the project so that scripts the code loads from them are reviewed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';

let root: string;

function write(path: string, text: string): void {
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

const EXPAND_LUA = `-- HGETALLs keys found by SCAN: keys never passed in KEYS.
local out = {}
for _, k in ipairs(redis.call('SCAN', '0', 'MATCH', ARGV[1], 'COUNT', 1000)[2]) do
  table.insert(out, redis.call('HGETALL', k))
end
return out
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-lua-'));
  mkdirSync(join(root, '.git'));
  write('lua/expand_tags.lua', EXPAND_LUA);
  write('lua/bump.lua', "return redis.call('INCRBY', KEYS[1], ARGV[1])\n");
  write(
    'app/tags.py',
    'from pathlib import Path\n\nimport redis\n\nkv = redis.Redis()\nEXPAND = (Path(__file__).parent.parent / "lua" / "expand_tags.lua").read_text()\n\n\ndef expand(prefix):\n    return kv.eval(EXPAND, 0, f"{prefix}:*")\n',
  );
  write(
    'src/bump.js',
    "const fs = require('fs');\nconst path = require('path');\nconst Redis = require('ioredis');\nconst redis = new Redis();\nredis.on('error', console.error);\nredis.defineCommand('bump', { numberOfKeys: 1, lua: fs.readFileSync(path.join(__dirname, '..', 'lua', 'bump.lua'), 'utf8') });\nredis.defineCommand('expand', { numberOfKeys: 0, lua: fs.readFileSync(path.join(__dirname, '../lua/expand_tags.lua'), 'utf8') });\n",
  );
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('redis-review lint with Lua script files', () => {
  it('reviews a script read from a .lua file at the call that loads it, and lists no .lua file as linted', async () => {
    const { stdout, stderr } = await lint('--format', 'json', '--jobs', '1');
    const report = JSON.parse(stdout);
    const findings = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'lua-undeclared-keys').map((f: { file: string; line: number; message: string }) => `${f.file}:${f.line}`);
    expect(findings.sort()).toEqual(['app/tags.py:10', 'src/bump.js:7']);
    expect(report.findings.find((f: { file: string }) => f.file === 'app/tags.py').message).toContain('read from ../lua/expand_tags.lua');
    expect(stdout).not.toMatch(/"file":\s*"lua\//);
    expect(stderr).not.toContain('.lua');
  });

  it('reports the same with --jobs 2 (the scripts travel to the worker threads) as with --jobs 1', async () => {
    const one = await lint('--format', 'json', '--jobs', '1');
    const two = await lint('--format', 'json', '--jobs', '2');
    expect(one.stdout).toContain('lua-undeclared-keys');
    expect(two.stderr).not.toContain('linted on one thread instead');
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
  }, 60_000);

  it('finds nothing to report when the script file is not part of the run (ignored)', async () => {
    write('.gitignore', 'lua/\n');
    try {
      const { stdout } = await lint('--format', 'json', '--jobs', '1');
      expect(JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'lua-undeclared-keys')).toEqual([]);
    } finally {
      rmSync(join(root, '.gitignore'));
    }
  });
});

describe('redis-review lint on one file or folder of the project', () => {
  it('still reads the project .lua files a named source loads its script from', async () => {
    for (const named of ['app/tags.py', 'app']) {
      const { stdout } = await lint('--format', 'json', named);
      const findings = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'lua-undeclared-keys');
      expect(findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['app/tags.py:10']);
    }
  });
});

describe('redis-review lint of one package whose scripts live in a folder beside it', () => {
  it('reads a .lua file the code names by a path that goes up out of the linted folder', async () => {
    const monorepo = mkdtempSync(join(tmpdir(), 'redis-review-lua-up-'));
    try {
      mkdirSync(join(monorepo, 'scripts'), { recursive: true });
      writeFileSync(join(monorepo, 'scripts', 'expand.lua'), EXPAND_LUA);
      mkdirSync(join(monorepo, 'api', '.git'), { recursive: true });
      mkdirSync(join(monorepo, 'api', 'src'), { recursive: true });
      // Read relative to the working directory (the package) and relative to the source file.
      writeFileSync(
        join(monorepo, 'api', 'src', 'expand.js'),
        "const fs = require('fs');\nconst Redis = require('ioredis');\nconst redis = new Redis();\nredis.on('error', console.error);\nredis.defineCommand('expand', { numberOfKeys: 0, lua: fs.readFileSync('../scripts/expand.lua', 'utf8') });\nredis.defineCommand('expandToo', { numberOfKeys: 0, lua: fs.readFileSync(__dirname + '/../../scripts/expand.lua', 'utf8') });\n",
      );
      for (const jobs of ['1', '2']) {
        let stdout = '';
        await runCli(['lint', '--format', 'json', '--jobs', jobs], { cwd: join(monorepo, 'api'), stdout: (t) => (stdout += t), stderr: () => undefined });
        const findings = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'lua-undeclared-keys');
        expect(findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['src/expand.js:5', 'src/expand.js:6']);
      }
    } finally {
      rmSync(monorepo, { recursive: true, force: true });
    }
  }, 60_000);
});
