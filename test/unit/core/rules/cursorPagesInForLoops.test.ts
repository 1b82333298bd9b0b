/**
 * command-in-loop on a cursor loop nested in a for-loop: per collection of the outer loop, the inner while loop pages
 * with the cursor the last reply returned, and the command handles that page, so its rounds wait on the reply and
 * cannot be sent together. Tricky negatives, still reported: a retry loop nested in a loop over ids, a while loop
 * whose counter a plain function advances after the command, and a command before the page is fetched.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('command-in-loop on cursor loops nested in for-loops', () => {
  it('leaves out an HDEL of each page of stale fields, paged by a Lua script per index (redis-py)', () => {
    const text = `import redis

conn = redis.Redis()
_page = conn.register_script("return redis.call('HSCAN', KEYS[1], ARGV[1])")


def prune_indexes(indexes):
    for idx in indexes:
        cursor = None
        while cursor != b'0':
            cursor, stale = _page(keys=[idx], args=[cursor or '0'])
            if stale:
                conn.hdel(idx, *stale)
`;
    expect(findingLines.inFile('command-in-loop', { path: 'app/prune.py', text })).toEqual([]);
  });

  it('leaves out an UNLINK of each page a helper returns with its cursor (ioredis)', () => {
    const text = `import Redis from 'ioredis';
const redis = new Redis();
redis.on('error', console.error);

async function page(pattern: string, cursor: string): Promise<[string, string[]]> {
  return (await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500)) as [string, string[]];
}

export async function purge(prefixes: string[]) {
  for (const prefix of prefixes) {
    let cursor = '';
    while (cursor !== '0') {
      let keys: string[];
      [cursor, keys] = await page(prefix + ':*', cursor || '0');
      if (keys.length) await redis.unlink(...keys);
    }
  }
}
`;
    expect(findingLines.inFile('command-in-loop', { path: 'src/purge.ts', text })).toEqual([]);
  });

  it('still reports a retry loop, a counter a plain function advances, and a command sent before the page is read', () => {
    const text = `import redis

conn = redis.Redis()
_page = conn.register_script("return redis.call('HSCAN', KEYS[1], ARGV[1])")


def mark_all(ids):
    for item_id in ids:
        attempts = 0
        while attempts < 3:
            attempts += 1
            conn.set(f"item:{item_id}", 1)


def copy_all(names):
    for name in names:
        offset = 0
        while offset < 1000:
            conn.zadd(f"copy:{name}", {str(offset): offset})
            offset = advance(offset)


def touch_then_page(indexes):
    for idx in indexes:
        cursor = None
        while cursor != b'0':
            conn.expire(idx, 60)
            cursor, stale = _page(keys=[idx], args=[cursor or '0'])


def advance(offset):
    return offset + 100
`;
    expect(findingLines.inFile('command-in-loop', { path: 'app/copies.py', text })).toEqual([12, 19, 27]);
  });
});
