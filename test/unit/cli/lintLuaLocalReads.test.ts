/** Scripts a function reads from a .lua file into a local (then maybe edits) and registers on a client it was given. */
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

const BUCKET_LUA = "local name = ARGV[1]\nlocal rate = redis.call('HGET', name .. ':knobs', 'rate')\nreturn redis.call('INCR', name)\n";
const DECLARED_LUA = "local n = redis.call('INCR', KEYS[1])\nredis.call('PEXPIRE', KEYS[1], ARGV[1])\nreturn n\n";

const THROTTLE = `from importlib import resources

import redis

shared = redis.Redis()
bucket = None
client = None


def pending(name):
    pipe = client.pipeline()
    pipe.hexists(name, "rate")
    return pipe.execute()


def configure(redis_instance, frozen=False):
    global client, bucket
    client = redis_instance
    lua = resources.files(__package__).joinpath("bucket.lua").read_text()
    if frozen:
        lua = lua.replace(
            "redis.call('TIME')",
            "redis.call('MGET', 'frozen',"  # noqa: E501
            " 'frozen_us')",
        )
    bucket = client.register_script(lua)


def counter(redis_instance):
    lua = resources.files(__package__).joinpath("declared.lua").read_text()
    return redis_instance.register_script(lua)


def limited(name, limit):
    lua = resources.files(__package__).joinpath("declared.lua").read_text()
    lua = lua.replace("ARGV[1]", str(limit))
    return shared.eval(lua, 1, name)
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'redis-review-lua-local-'));
  mkdirSync(join(root, '.git'));
  write('requirements.txt', 'redis\n');
  write('throttle/__init__.py', '');
  write('throttle/bucket.lua', BUCKET_LUA);
  write('throttle/declared.lua', DECLARED_LUA);
  write('throttle/limits.py', THROTTLE);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function findings(rule: string): Promise<number[]> {
  let stdout = '';
  await runCli(['lint', '--format', 'json', '--jobs', '1'], { cwd: root, stdout: (t) => (stdout += t), stderr: () => {} });
  return JSON.parse(stdout)
    .findings.filter((f: { ruleId: string; file: string }) => f.ruleId === rule && f.file === 'throttle/limits.py')
    .map((f: { line: number }) => f.line);
}

describe('Lua read into a local of the function that registers or runs it', () => {
  it('reviews the script register_script gets from a local read, also when the local is edited with literals', async () => {
    expect(await findings('lua-undeclared-keys')).toEqual([26]);
  });

  it('reports a local read whose later edit puts a runtime value into the script', async () => {
    expect(await findings('eval-dynamic-script')).toEqual([37]);
  });
});
