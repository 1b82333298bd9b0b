/** unbounded-collection-read and collections the project gives a TTL: lists of one job live for a bounded time. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function wholeReadLines(sources: SourceFile[], index: number): number[] {
  return findingLines.inWorkspace('unbounded-collection-read', sources, index);
}

const PY_CLIENT = 'import redis\n\nr = redis.Redis()\n';
const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('unbounded-collection-read on collections with a TTL', () => {
  it('does not report a list this file fills and expires (one job\'s results)', () => {
    const text = `${TS_CLIENT}
export async function collect(job: string, parts: string[]) {
  for (const part of parts) await redis.rpush(\`results:\${job}\`, part);
  await redis.expire(\`results:\${job}\`, 300);
}

export async function results(job: string) {
  return redis.lrange(\`results:\${job}\`, 0, -1);
}
`;
    expect(wholeReadLines([{ path: 'src/results.ts', text }], 0)).toEqual([]);
  });

  it('does not report a list that another module of the project fills and expires', () => {
    const sources = [
      { path: 'app/worker.py', text: `${PY_CLIENT}\n\ndef finish(job, chunk):\n    r.rpush(f"results:{job}", chunk)\n    r.expire(f"results:{job}", 300)\n` },
      { path: 'app/collect.py', text: `${PY_CLIENT}\n\ndef results(job):\n    return r.lrange(f"results:{job}", 0, -1)\n` },
    ];
    expect(wholeReadLines(sources, 1)).toEqual([]);
  });

  it('still reports a set whose TTL every write renews: a sliding window of a day, not a size', () => {
    const sources = [
      { path: 'app/watch.py', text: `${PY_CLIENT}\n\ndef watched(uid, post):\n    r.sadd(f"watched:{uid}", post)\n    r.expire(f"watched:{uid}", 86400)\n` },
      { path: 'app/feed.py', text: `${PY_CLIENT}\n\ndef seen(uid):\n    return r.smembers(f"watched:{uid}")\n` },
    ];
    expect(wholeReadLines(sources, 1)).toEqual([7]);
  });

  it('still reports a set whose neighbour key gets the TTL, not the set itself', () => {
    const sources = [
      { path: 'app/follow.py', text: `${PY_CLIENT}\n\ndef follow(uid, other):\n    r.sadd(f"followers:{other}", uid)\n    r.set(f"seen:{other}", 1)\n    r.expire(f"seen:{other}", 60)\n` },
      { path: 'app/views.py', text: `${PY_CLIENT}\n\ndef followers(uid):\n    return r.smembers(f"followers:{uid}")\n` },
    ];
    expect(wholeReadLines(sources, 1)).toEqual([7]);
  });
});
