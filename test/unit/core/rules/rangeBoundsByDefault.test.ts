/**
 * unbounded-collection-read on ranges whose bounds are parameters that default to the whole collection
 * (`list(id, start = 0, stop = -1)`): a caller that leaves them out reads everything. Tricky negatives: a
 * default page end, and a function every caller of the file gives an explicit end.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

function wholeReadLines(path: string, text: string): number[] {
  return findingLines.inWorkspace('unbounded-collection-read', [{ path, text }], 0);
}

describe('unbounded-collection-read on bounds that default to the whole range', () => {
  it('reports LRANGE whose start and stop are parameters defaulting to 0 and -1', () => {
    const text = `${TS_CLIENT}\nexport async function playlist(id: string, start = 0, stop = -1) {\n  return redis.lrange(\`playlist:\${id}\`, start, stop);\n}\nexport async function addSong(id: string, song: string) {\n  await redis.rpush(\`playlist:\${id}\`, song);\n}\n`;
    expect(wholeReadLines('src/playlist.ts', text)).toEqual([6]);
  });

  it('reports a node-redis zRange of a typed end parameter that a caller of the file leaves out', () => {
    const text = "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport class Board {\n  async ranking(key: string, start: number = 0, end: number = -1) {\n    return client.zRange(key, start, end);\n  }\n  async season(key: string) {\n    await client.zIncrBy(key, 1, 'x');\n    return this.ranking(key);\n  }\n}\n";
    expect(wholeReadLines('src/board.ts', text)).toEqual([7]);
  });

  it('reports a Python keyword default of -1', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\ndef history(uid, start=0, end=-1):\n    return r.lrange(f"history:{uid}", start, end)\n\ndef log(uid, item):\n    r.rpush(f"history:{uid}", item)\n';
    expect(wholeReadLines('app/history.py', text)).toEqual([6]);
  });

  it('leaves a default page end alone, and a function whose callers in the file all pass an end', () => {
    const paged = `${TS_CLIENT}\nexport async function playlist(id: string, start = 0, stop = 49) {\n  return redis.lrange(\`playlist:\${id}\`, start, stop);\n}\nexport async function addSong(id: string, song: string) {\n  await redis.rpush(\`playlist:\${id}\`, song);\n}\n`;
    expect(wholeReadLines('src/paged.ts', paged)).toEqual([]);
    const explicit = "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport class Board {\n  async ranking(key: string, start: number = 0, end: number = -1) {\n    return client.zRange(key, start, end);\n  }\n  async top(key: string) {\n    await client.zIncrBy(key, 1, 'x');\n    return this.ranking(key, 0, 9);\n  }\n}\n";
    expect(wholeReadLines('src/top.ts', explicit)).toEqual([]);
  });
});
