/** big-set-algebra and a STORE form given one input set: a copy of that set, not algebra over several. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function algebraLines(path: string, text: string): number[] {
  return findingLines.inFile('big-set-algebra', { path, text });
}

const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";
const PY = 'import redis\n\nr = redis.Redis()\n';

describe('big-set-algebra and one-set copies', () => {
  it('leaves out SUNIONSTORE of one key the file also counts, and a built or literal single source', () => {
    const text = `${TS}
export async function startRound(room: { members: string; queue: string }) {
  const size = await redis.scard(room.members);
  await redis.sunionstore(room.queue, room.members);
  await redis.zunionstore('board:copy', 1, \`board:\${size}\`);
  return size;
}
`;
    expect(algebraLines('src/round.ts', text)).toEqual([]);
  });

  it('leaves out a Python copy into a one-item list of keys', () => {
    const text = `${PY}
def snapshot(room_id):
    r.zunionstore(f"room:{room_id}:snapshot", [f"room:{room_id}:scores"])
`;
    expect(algebraLines('app/rooms.py', text)).toEqual([]);
  });

  it('still reports two inputs, a spread, and a name of unknown shape that may be a list of keys', () => {
    const text = `${TS}
export async function merge(room: string, members: string, keys: string[]) {
  await redis.sunionstore(\`queue:\${room}\`, members, 'players:all');
  await redis.sunionstore(\`queue:\${room}\`, ...keys);
  await redis.sunionstore(\`queue:\${room}\`, keys);
  await redis.zunionstore(\`queue:\${room}\`, 2, members, 'players:all');
}
`;
    expect(algebraLines('src/merge.ts', text)).toEqual([6, 7, 8, 9]);
  });
});
