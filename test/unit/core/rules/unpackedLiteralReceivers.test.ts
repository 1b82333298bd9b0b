/**
 * A name unpacked from a literal (`ids, redis_errors = [], []`) holds that literal: its append() is a list's,
 * not Redis APPEND, however the name mentions Redis.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const HEADER = 'import redis\nr = redis.Redis()\n\n';

function loopLines(body: string): number[] {
  return findingLines.inFile('command-in-loop', { path: 'app/quorum.py', text: HEADER + body });
}

describe('names unpacked from literals are not Redis clients', () => {
  it('does not report the append of a list unpacked beside another value', () => {
    expect(loopLines('def collect(futures):\n    ids, redis_errors = [], []\n    for f in futures:\n        try:\n            ids.append(f.result())\n        except Exception as error:\n            redis_errors.append(error)\n    return ids, redis_errors\n')).toEqual([]);
    expect(loopLines('def collect(futures):\n    (count, redis_errors) = (0, [])\n    for f in futures:\n        redis_errors.append(f)\n    return redis_errors\n')).toEqual([]);
  });

  it('still reports commands on a client unpacked from a call, and on the real client beside the list', () => {
    expect(loopLines('def log(urls):\n    redis_conn, seen = redis.Redis(), []\n    for u in urls:\n        redis_conn.append("log", u)\n')).toEqual([7]);
    expect(loopLines('def collect(keys):\n    ids, redis_errors = [], []\n    for k in keys:\n        ids.append(r.get(k))\n    return ids\n')).toEqual([7]);
  });
});
