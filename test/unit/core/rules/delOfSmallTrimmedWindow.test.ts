/** del-large-key and collections trimmed to a small fixed window (LTRIM key 0 99): they never hold more than it. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";
const PY = 'import redis\n\nr = redis.Redis()\n';

describe('del-large-key and small trimmed windows', () => {
  it('leaves out the DEL of a chat list the file keeps at its newest 100 messages', () => {
    const text = `${TS}
export async function post(room: string, message: string) {
  const key = \`chat:\${room}\`;
  await redis.lpush(key, message);
  await redis.ltrim(key, 0, 99);
}

export async function close(room: string) {
  await redis.del(\`chat:\${room}\`);
}
`;
    expect(findingLines.inFile('del-large-key', { path: 'src/chat.ts', text })).toEqual([]);
  });

  it('leaves out a sorted set pruned to its top 50 and a list kept at its last 100 entries', () => {
    const text = `${PY}
def score(board, player, points):
    r.zadd(f"top:{board}", {player: points})
    r.zremrangebyrank(f"top:{board}", 0, -51)

def log(user, line):
    r.rpush(f"log:{user}", line)
    r.ltrim(f"log:{user}", -100, -1)

def reset(board, user):
    r.delete(f"top:{board}")
    r.delete(f"log:{user}")
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/boards.py', text })).toEqual([]);
  });

  it('still reports a list trimmed to a large window, or to a length held in a variable', () => {
    const text = `${PY}
def add(uid, item, keep):
    r.lpush(f"feed:{uid}", item)
    r.ltrim(f"feed:{uid}", 0, 999)
    r.lpush(f"inbox:{uid}", item)
    r.ltrim(f"inbox:{uid}", 0, keep)

def clear(uid):
    r.delete(f"feed:{uid}")
    r.delete(f"inbox:{uid}")
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/feed.py', text })).toEqual([12, 13]);
  });

  it('leaves out the DEL of a list another file of the project keeps at its newest 100 entries, not of one trimmed wider', () => {
    const gateway = `${TS}
export async function post(stream: string, message: string) {
  const key = \`live:chat:\${stream}\`;
  await redis.lpush(key, message);
  await redis.ltrim(key, 0, 99);
  await redis.lpush(\`live:log:\${stream}\`, message);
  await redis.ltrim(\`live:log:\${stream}\`, 0, 4999);
}
`;
    const service = `${TS}
export async function end(streamId: string) {
  await redis.del(\`live:chat:\${streamId}\`);
  await redis.del(\`live:log:\${streamId}\`);
}
`;
    const files = [
      { path: 'src/chat/gateway.ts', text: gateway },
      { path: 'src/streams/service.ts', text: service },
    ];
    expect(findingLines.inWorkspace('del-large-key', files, 1)).toEqual([7]);
  });
});
