/**
 * unbounded-collection-read: a bare name is the key of the loop that binds it, also when the loop unpacks each item
 * (`for (key, items) in data.items():`, `for (const [key, members] of groups)`) or is a comprehension around the call
 * (`[pipe.hgetall(key) for key in to_fetch]`). Two functions' loop variables of the same name are different keys: a
 * sorted set one fills per partition does not make the fixed-field hash another reads per fingerprint a growing map.
 * Tricky negatives, still reported: the same comprehension over keys a loop of the file fills as growing hashes, and
 * a SMEMBERS per key of a dict's items.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('unbounded-collection-read through unpacked and comprehension loop names', () => {
  it('does not take a fixed-field hash read in a comprehension for a sorted set filled in another function (redis-py)', () => {
    const text = `from redis import StrictRedis

STATE = b'state'


class Frontier(object):
    def __init__(self, pool):
        self.pipe = StrictRedis(connection_pool=pool).pipeline()

    def schedule(self, batches):
        for (key, items) in batches.items():
            self.pipe.zadd(key, mapping=items)
        self.pipe.execute()

    def save(self, states):
        [self.pipe.hset(fp, STATE, st) for (fp, st) in states.items()]
        self.pipe.execute()

    def fetch(self, fingerprints):
        [self.pipe.hgetall(key) for key in fingerprints]
        return self.pipe.execute()
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/frontier.py', text })).toEqual([]);
  });

  it('keeps apart two unpacking loops of the same name (ioredis)', () => {
    const text = `import Redis from 'ioredis';
const redis = new Redis();
redis.on('error', console.error);

export async function index(groups: Map<string, string[]>) {
  for (const [key, members] of groups) await redis.zadd(key, ...members.flatMap((m, i) => [i, m]));
}

export async function profiles(records: Map<string, unknown>) {
  const out = [];
  for (const [key] of records) out.push(await redis.hgetall(key));
  return out;
}
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/index.ts', text })).toEqual([]);
  });

  it('still reports a comprehension over keys the file fills with one field per user, and SMEMBERS of each item', () => {
    const text = `import redis

r = redis.Redis()


def join(rooms, user_id):
    for room in rooms:
        r.hset(room, user_id, 1)


def rosters(rooms):
    return [r.hgetall(room) for room in rooms]


def members(groups):
    return {name: r.smembers(key) for name, key in groups.items()}
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/rooms.py', text })).toEqual([12, 16]);
  });
});
