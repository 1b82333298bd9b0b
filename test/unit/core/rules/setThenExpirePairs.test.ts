/**
 * Which write a separate EXPIRE is paired with. The set and sorted-set STORE commands (SUNIONSTORE, ...) write
 * their result to the key named first and replace it, so an EXPIRE after them leaves the same window as after a
 * SET; an EXPIRE of a source key is not paired with them. A write whose value the function returns ends its path,
 * so it never precedes the EXPIRE: the write on the EXPIRE's own path is the one reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string, path: string, language: 'python' | 'javascript'): number[] {
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === 'set-then-expire')
    .map((f) => f.span.start.line + 1);
}

const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\n";
const PY = 'import redis\n\nr = redis.Redis()\n\n\n';

describe('set-then-expire after a STORE command', () => {
  it('reports SUNIONSTORE then a separate EXPIRE of the destination', () => {
    const text = TS + 'export async function copyTeam(team: string, roster: string) {\n  await redis.sunionstore(team, roster);\n  await redis.expire(team, 3600);\n}\n';
    expect(lines(text, 'src/teams.ts', 'javascript')).toEqual([6]);
  });

  it('reports ZINTERSTORE then EXPIRE queued on a plain pipeline', () => {
    const text = TS + "export async function shared(dest: string, a: string, b: string) {\n  await redis.pipeline().zinterstore(dest, 2, a, b).expire(dest, 60).zrange(dest, 0, 9).exec();\n}\n";
    expect(lines(text, 'src/ranks.ts', 'javascript')).toEqual([6]);
    expect(lines(PY + 'def shared(dest, a, b):\n    r.sinterstore(dest, [a, b])\n    r.expire(dest, 60)\n', 'app/ranks.py', 'python')).toEqual([7]);
  });

  it('does not report an EXPIRE of a source key, nor the same pair inside MULTI', () => {
    const source = TS + 'export async function copyTeam(team: string, roster: string) {\n  await redis.sunionstore(team, roster);\n  await redis.expire(roster, 3600);\n}\n';
    expect(lines(source, 'src/teams.ts', 'javascript')).toEqual([]);
    const multi = TS + 'export async function copyTeam(team: string, roster: string) {\n  await redis.multi().sunionstore(team, roster).expire(team, 3600).exec();\n}\n';
    expect(lines(multi, 'src/teams.ts', 'javascript')).toEqual([]);
  });

  it('pairs the EXPIRE with the STORE nearest to it when an earlier SADD wrote the key too', () => {
    const text = TS + 'export async function rebuild(team: string, roster: string, id: string) {\n  await redis.sadd(team, id);\n  await redis.sunionstore(team, roster);\n  await redis.expire(team, 60);\n}\n';
    expect(lines(text, 'src/teams.ts', 'javascript')).toEqual([7]);
  });
});

describe('set-then-expire and a write returned on another path', () => {
  it('reports the write on the path of the EXPIRE, not the one returned before it', () => {
    const py = PY + 'async def add(key, value, ttl=None, cluster=False):\n    if ttl is None:\n        return await r.sadd(key, value)\n    if cluster:\n        res = await r.sadd(key, value)\n        await r.pexpire(key, ttl)\n        return res\n';
    expect(lines(py, 'app/sets.py', 'python')).toEqual([10]);
    const ts = TS + 'export async function add(key: string, value: string, ttl?: number) {\n  if (!ttl) return redis.sadd(key, value);\n  await redis.sadd(key, value);\n  await redis.expire(key, ttl);\n}\n';
    expect(lines(ts, 'src/sets.ts', 'javascript')).toEqual([7]);
  });

  it('does not report a returned write followed on the other path by an EXPIRE alone', () => {
    const ts = TS + 'export async function touch(key: string, fresh: boolean) {\n  if (fresh) return redis.set(key, 1);\n  await redis.expire(key, 60);\n}\n';
    expect(lines(ts, 'src/touch.ts', 'javascript')).toEqual([]);
  });
});
