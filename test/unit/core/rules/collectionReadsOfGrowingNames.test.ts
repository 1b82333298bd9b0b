/**
 * unbounded-collection-read on a key no code of the project visibly writes: left to whoever fills it, unless its name
 * says it gathers per event or per member of an audience (the project's writes may go through a helper handed the key).
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function wholeReadLines(sources: SourceFile[], index: number): number[] {
  return findingLines.inWorkspace('unbounded-collection-read', sources, index);
}

const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";
const PY_CLIENT = 'import redis\n\nr = redis.Redis()\n';

describe('unbounded-collection-read on unwritten keys named for what gathers', () => {
  it('reports a followers list the project fills through a helper that is handed the key', () => {
    const store = {
      path: 'src/followerStore.ts',
      text: `${TS_CLIENT}
export async function push(key: string, value: string) {
  await redis.lpush(key, value);
}
`,
    };
    const users = {
      path: 'src/users.ts',
      text: `${TS_CLIENT}
export async function suggestions(userId: string) {
  const followers = await redis.lrange(\`followers:\${userId}\`, 0, -1);
  return followers.slice(0, 10);
}
`,
    };
    expect(wholeReadLines([store, users], 1)).toEqual([6]);
  });

  it('reports the notifications set and message list of a user that no file writes', () => {
    const text = `${PY_CLIENT}
def unread(user_id):
    return r.smembers(f"user:{user_id}:notifications")

def conversation(conversation_id):
    return r.lrange(f"messages:{conversation_id}", 0, -1)
`;
    expect(wholeReadLines([{ path: 'app/inbox.py', text }], 0)).toEqual([6, 9]);
  });

  it('still leaves out unwritten keys whose name says nothing of what gathers, only the id does, or it names one job\'s output', () => {
    const text = `${PY_CLIENT}
def results(job_id):
    return r.lrange(f"done:{job_id}", 0, -1)

def settings(tenant):
    return r.hgetall(f"config:{tenant}")

def owners(message_id):
    return r.smembers(f"owners:{message_id}")

def batches(job_id):
    return r.lrange(f"results_queue:{job_id}", 0, -1)
`;
    expect(wholeReadLines([{ path: 'app/reads.py', text }], 0)).toEqual([]);
  });
});
