/**
 * unbounded-collection-read on computed keys that no code of the project writes (another deployable fills them),
 * and on backlogs the function drains (reads whole, then deletes) whoever fills them.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function wholeReadLines(sources: SourceFile[], index: number): number[] {
  return findingLines.inWorkspace('unbounded-collection-read', sources, index);
}

const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('unbounded-collection-read on computed keys the project never writes', () => {
  it('leaves out a per-job list that only another program fills', () => {
    const text = `${TS_CLIENT}
export async function results(job: string) {
  return redis.lrange(\`done:\${job}\`, 0, -1);
}
`;
    expect(wholeReadLines([{ path: 'src/results.ts', text }], 0)).toEqual([]);
  });

  it('still reports it when a file of the project fills it', () => {
    const sources = [
      { path: 'src/results.ts', text: `${TS_CLIENT}\nexport async function results(job: string) {\n  return redis.lrange(\`done:\${job}\`, 0, -1);\n}\n` },
      { path: 'src/worker.ts', text: `${TS_CLIENT}\nexport async function finish(job: string, line: string) {\n  await redis.rpush(\`done:\${job}\`, line);\n}\n` },
    ];
    expect(wholeReadLines(sources, 0)).toEqual([6]);
  });

  it('still reports a backlog the function drains: read whole, then deleted', () => {
    const text = `${TS_CLIENT}
export async function deliver(user: string, send: (m: string) => void) {
  const key = \`offline:\${user}\`;
  const messages = await redis.lrange(key, 0, -1);
  messages.forEach(send);
  await redis.del(key);
}
`;
    expect(wholeReadLines([{ path: 'src/offline.ts', text }], 0)).toEqual([7]);
  });
});
