/**
 * del-large-key on collections with a TTL (only lists of one job are short-lived by design) and on hashes whose
 * computed field is an id taken from a record (`str(int(payload["user"]["id"]))`: one field per user), and
 * keys that this file writes as strings while another file fills a collection of the same name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function delLines(path: string, text: string): number[] {
  const language = path.endsWith('.py') ? 'python' : 'typescript';
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

function delLinesInProject(sources: { path: string; text: string }[], index: number): number[] {
  const workspace = buildWorkspaceIndex(parsers, sources);
  return reviewSource(parsers, sources[index].text, { path: sources[index].path, language: 'python', workspace })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

const PY_CLIENT = 'import redis\n\nr = redis.Redis()\n';
const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('del-large-key and TTLs', () => {
  it('reports DEL of a sorted set whose TTL every write renews: the window bounds its idle life, not its size', () => {
    const text = `${PY_CLIENT}

def score(board, player, points):
    pipe = r.pipeline()
    pipe.zincrby(f"board:{board}", points, player)
    pipe.expire(f"board:{board}", 3600)
    pipe.execute()


def reset(board):
    r.delete(f"board:{board}")
`;
    expect(delLines('app/board.py', text)).toEqual([14]);
  });

  it('reports DEL of a hash an optional API can expire', () => {
    const text = `${TS_CLIENT}
export async function remember(team: string, userId: string, data: string) {
  await redis.hset(\`members:\${team}\`, userId, data);
}
export async function expireTeam(team: string, seconds: number) {
  await redis.expire(\`members:\${team}\`, seconds);
}
export async function dropTeam(team: string) {
  await redis.del(\`members:\${team}\`);
}
`;
    expect(delLines('src/members.ts', text)).toEqual([12]);
  });

  it('still leaves out a list of one job that the file expires', () => {
    const text = `${PY_CLIENT}

def collect(job, parts):
    for part in parts:
        r.rpush(f"results:{job}", part)
    r.expire(f"results:{job}", 300)


def discard(job):
    r.delete(f"results:{job}")
`;
    expect(delLines('app/results.py', text)).toEqual([]);
  });
});

describe('del-large-key on hashes keyed by a record\'s id', () => {
  it('reports DEL of a hash filled with one field per id read from a payload', () => {
    const text = `${PY_CLIENT}

def on_join(payload):
    r.hset(str(payload["team_id"]), str(int(payload["user"]["id"])), "1")


def on_team_deleted(payload):
    r.delete(str(payload["team_id"]))
`;
    expect(delLines('app/teams.py', text)).toEqual([11]);
  });

  it('leaves out a hash whose computed field is a record attribute that is not an id', () => {
    const text = `${PY_CLIENT}

def save(payload):
    r.hset(str(payload["team_id"]), str(payload["name"]), payload["value"])


def forget(payload):
    r.delete(str(payload["team_id"]))
`;
    expect(delLines('app/settings.py', text)).toEqual([]);
  });

  it('does not read a concatenation of two conversions as one conversion', () => {
    const text = `${PY_CLIENT}

def save(payload):
    r.hset("labels", str(payload["kind"]) + str(payload["id"]), payload["value"])


def forget():
    r.delete("labels")
`;
    // Not one conversion to look through: the field stays the whole expression, not named like an id.
    expect(delLines('app/labels.py', text)).toEqual([]);
  });
});

describe('del-large-key on a name another file uses for a collection', () => {
  const board = { path: 'demo/board.py', text: `${PY_CLIENT}\n\ndef add(player, points):\n    r.zadd("scratch", {player: points})\n` };

  it('leaves out a key this file writes as a string (a lock flag reusing a demo name)', () => {
    const lock = { path: 'demo/lock.py', text: `${PY_CLIENT}\n\ndef once(job):\n    if r.set("scratch", 1, ex=60, nx=True):\n        try:\n            job()\n        finally:\n            r.delete("scratch")\n` };
    expect(delLinesInProject([board, lock], 1)).toEqual([]);
  });

  it('reports the DEL when this file only deletes the key', () => {
    const reset = { path: 'demo/reset.py', text: `${PY_CLIENT}\n\ndef reset():\n    r.delete("scratch")\n` };
    expect(delLinesInProject([board, reset], 1)).toEqual([7]);
  });
});

describe('del-large-key on a collection named by the same parameter across a class', () => {
  it('reports DEL of a parameter that other methods of the file fill as a sorted set', () => {
    const text = `${PY_CLIENT}

class Board:
    def __init__(self, name):
        self.name = name

    def rank_in(self, board_name, player, score):
        r.zadd(board_name, {player: score})

    def drop_named(self, board_name):
        r.delete(board_name)

    def drop(self):
        self.drop_named(self.name)
`;
    expect(delLines('app/board.py', text)).toEqual([14]);
  });

  it('leaves out a thin delete wrapper that nothing in the file calls, whatever its other methods push', () => {
    const text = `${PY_CLIENT}

class Store:
    def push(self, key, value):
        r.lpush(key, value)

    def remove(self, key):
        return r.delete(key)
`;
    expect(delLines('app/store.py', text)).toEqual([]);
  });
});

describe('del-large-key and parameters named just key', () => {
  it('does not type a generic key parameter from another method that fills its own key', () => {
    const text = `${PY_CLIENT}

class Window:
    def hit(self, key, now):
        r.zadd(key, {str(now): now})


class Counter:
    def hit(self, key):
        r.incr(key)

    def reset(self, key):
        r.delete(key)

    def clear(self, key):
        self.reset(key)
`;
    expect(delLines('app/limits.py', text)).toEqual([]);
  });
});
