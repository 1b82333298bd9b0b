/**
 * A list whose length the code reads as the length of a whole LRANGE reply (`len(r.lrange(k, 0, -1)) >= 10`,
 * `(await redis.lrange(k, 0, -1)).length >= 10`) and then pops in the same function is capped like one checked with
 * LLEN: its whole reads are of at most that many entries.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();
const pyLines = (text: string) => findingLines.inFile('unbounded-collection-read', { path: 'app/history.py', text });
const tsLines = (text: string) => findingLines.inFile('unbounded-collection-read', { path: 'src/history.ts', text });

const PY = 'import redis\n\nr = redis.Redis()\n\n';
const TS = "import Redis from 'ioredis';\n\nconst redis = new Redis();\nredis.on('error', console.error);\n\n";

describe('lists capped by popping once a whole read is long enough', () => {
  it('are not reported', () => {
    const py = PY + 'def add_message(user_id, message):\n    if len(r.lrange(user_id, 0, -1)) >= 10:\n        r.lpop(user_id)\n    r.rpush(user_id, message)\n    return r.lrange(user_id, 0, -1)\n';
    expect(pyLines(py)).toEqual([]);
    const ts = TS + 'export async function add(user: string, message: string) {\n  if ((await redis.lrange(`chat:${user}`, 0, -1)).length >= 20) await redis.lpop(`chat:${user}`);\n  await redis.rpush(`chat:${user}`, message);\n  return redis.lrange(`chat:${user}`, 0, -1);\n}\n';
    expect(tsLines(ts)).toEqual([]);
  });

  it('are still reported when the limit is large, nothing is popped, or another key is popped', () => {
    const large = PY + 'def add_message(user_id, message):\n    if len(r.lrange(user_id, 0, -1)) >= 100000:\n        r.lpop(user_id)\n    r.rpush(user_id, message)\n    return r.lrange(user_id, 0, -1)\n';
    expect(pyLines(large)).toEqual([6, 9]);
    const unpopped = PY + 'def add_message(user_id, message):\n    if len(r.lrange(user_id, 0, -1)) >= 10:\n        print("long")\n    r.rpush(user_id, message)\n    return r.lrange(user_id, 0, -1)\n';
    expect(pyLines(unpopped)).toEqual([6, 9]);
    const other = PY + 'def add_message(user_id, message):\n    if len(r.lrange(user_id, 0, -1)) >= 10:\n        r.lpop("archive")\n    r.rpush(user_id, message)\n    return r.lrange(user_id, 0, -1)\n';
    expect(pyLines(other)).toEqual([6, 9]);
  });
});
