/** del-large-key and collections that belong to one user: the user's own entries, unless the key says others add them. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";
const PY = 'import redis\n\nr = redis.Redis()\n';

describe('del-large-key and one user\'s collections', () => {
  it('leaves out the DEL of the rooms hash one user is in, and of a chat list keyed by the bare user id', () => {
    const text = `${PY}
def rooms_key(user_id):
    return "rooms:for:user:" + user_id

def join(user_id, room_id, name):
    r.hset(rooms_key(user_id), room_id, name)

def leave(user_id, room_id):
    r.hdel(rooms_key(user_id), room_id)

def leave_all(user_id):
    redis_key = rooms_key(user_id)
    r.delete(redis_key)

def say(userID, line):
    r.lpush(userID, line)

def forget(userID):
    r.delete(userID)
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/rooms.py', text })).toEqual([]);
  });

  it('leaves out the DEL of the invites sent to one user', () => {
    const text = `${TS}
export async function invite(from: string, invitedId: string) {
  await redis.zadd(\`social:user:\${invitedId}:invited\`, Date.now(), from);
}

export async function deleteInvites(invitedId: string) {
  await redis.del(\`social:user:\${invitedId}:invited\`);
}
`;
    expect(findingLines.inFile('del-large-key', { path: 'src/invites.ts', text })).toEqual([]);
  });

  it('still reports a user\'s followers, feed, inbox and failure log, and a shared collection of users', () => {
    const text = `${TS}
export async function follow(userId: string, follower: string) {
  await redis.sadd(\`user:\${userId}:followers\`, follower);
  await redis.lpush(\`inbox:\${userId}\`, follower);
  await redis.rpush(\`failures:\${userId}\`, follower);
  await redis.sadd('online_users', userId);
}

export async function reset(userId: string) {
  await redis.del(\`user:\${userId}:followers\`);
  await redis.del(\`inbox:\${userId}\`);
  await redis.del(\`failures:\${userId}\`);
  await redis.del('online_users');
}
`;
    expect(findingLines.inFile('del-large-key', { path: 'src/follow.ts', text })).toEqual([13, 14, 15, 16]);
  });

  it('still reports one user\'s list kept at a window wider than 100, or read whole and then deleted', () => {
    const text = `${PY}
def add(user_id, item):
    r.lpush(f"recent:{user_id}", item)
    r.ltrim(f"recent:{user_id}", 0, 999)

def clear(user_id):
    r.delete(f"recent:{user_id}")

def remember(user_id, item):
    r.rpush(f"pinned:{user_id}", item)

def flush(user_id):
    items = r.lrange(f"pinned:{user_id}", 0, -1)
    r.delete(f"pinned:{user_id}")
    return items
`;
    expect(findingLines.inFile('del-large-key', { path: 'app/recent.py', text })).toEqual([10, 17]);
  });
});
