/** big-set-algebra on wrappers that add keys of their own to the caller's list before the call. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function algebraLines(path: string, text: string): number[] {
  return findingLines.inFile('big-set-algebra', { path, text });
}

const PY = 'import redis\n\nr = redis.Redis()\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('big-set-algebra and keys a wrapper adds to its caller\'s', () => {
  it('reports a union of the caller\'s boards with the object\'s own board put first', () => {
    const text = `${PY}

class Board:
    def __init__(self, name):
        self.name = name

    def merge(self, destination, keys):
        keys.insert(0, self.name)
        r.zunionstore(destination, keys)
`;
    expect(algebraLines('app/board.py', text)).toEqual([12]);
  });

  it('reports an intersection after pushing the object\'s own key (TypeScript)', () => {
    const text = `${TS}
export class Tags {
  constructor(private readonly key: string) {}
  async common(keys: string[]) {
    keys.push(this.key);
    return redis.sinter(...keys);
  }
}
`;
    expect(algebraLines('src/tags.ts', text)).toEqual([9]);
  });

  it('still leaves out a wrapper that passes its caller\'s keys through untouched', () => {
    const text = `${PY}

class Sets:
    def common(self, destination, keys):
        copied = list(keys)
        return r.sinterstore(destination, keys)
`;
    expect(algebraLines('app/sets.py', text)).toEqual([]);
  });
});
