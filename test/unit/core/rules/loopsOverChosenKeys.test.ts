/**
 * command-in-loop over a list that a function of the file builds from literals alone, in no loop: it holds at most one
 * entry per literal, and one in all when each literal is added in its own branch of one if/elif chain.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const PY = 'import redis\n\nr = redis.Redis()\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('command-in-loop over keys chosen from literals', () => {
  it('leaves out a loop over the one key an if/elif chain of the file picks', () => {
    const text = `${PY}

class TopPosts:
    def add(self, post_id, likes, days):
        keys = self.keys_for(days)
        for key in keys:
            r.zadd(key, {post_id: likes})

    def keys_for(self, days):
        keys = []
        if days > 7:
            keys.append("top:month")
        elif days > 1:
            keys.append("top:week")
        elif days == 1:
            keys.append("top:yesterday")
        else:
            keys.append("top:today")
        return keys
`;
    expect(findingLines.inFile('command-in-loop', { path: 'app/top.py', text })).toEqual([]);
  });

  it('leaves out a loop over two literals a helper adds, in TypeScript too', () => {
    const text = `${TS}
function boardsFor(weekly: boolean): string[] {
  const boards: string[] = [];
  boards.push('board:all');
  if (weekly) {
    boards.push('board:week');
  }
  return boards;
}

export async function score(player: string, points: number, weekly: boolean) {
  const boards = boardsFor(weekly);
  for (const board of boards) {
    await redis.zincrby(board, points, player);
  }
}
`;
    expect(findingLines.inFile('command-in-loop', { path: 'src/boards.ts', text })).toEqual([]);
  });

  it('still reports loops over lists built from computed values, in a loop, from more than three literals, or given as a parameter', () => {
    const text = `${PY}

def shard_keys(n):
    keys = []
    for i in range(n):
        keys.append("shard")
    return keys

def user_keys(ids):
    keys = []
    keys.append(f"user:{ids[0]}")
    return keys

def all_boards():
    keys = []
    if True:
        keys.append("a")
    if True:
        keys.append("b")
    keys.append("c")
    keys.append("d")
    return keys

def touch(n, ids, names):
    keys = shard_keys(n)
    for key in keys:
        r.incr(key)
    keys = user_keys(ids)
    for key in keys:
        r.incr(key)
    keys = all_boards()
    for key in keys:
        r.incr(key)

def remove(keys, value):
    for key in keys:
        r.zrem(key, value)
`;
    expect(findingLines.inFile('command-in-loop', { path: 'app/touch.py', text })).toEqual([30, 33, 36, 40]);
  });
});
