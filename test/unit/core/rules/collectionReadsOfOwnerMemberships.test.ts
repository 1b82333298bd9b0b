/**
 * unbounded-collection-read on one owner's memberships: a set, hash or sorted set keyed by an individual owner's id
 * (a user's sessions, a cart, an owner's agents, a project's connected clients) holds what one owner has and is not
 * reported. Tricky negatives, still reported: the same owner's followers, likes or watched posts (they grow with
 * an audience or with events), a key that is the owner's id alone, a room's or a chat's members (a gathering place,
 * not one owner), one user's list (every push adds an entry), and a global set of every owner.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function wholeReadLines(sources: SourceFile[], index: number): number[] {
  return findingLines.inWorkspace('unbounded-collection-read', sources, index);
}

const TS_CLIENT = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";
const PY_CLIENT = 'import redis\n\nr = redis.Redis()\n';

describe('unbounded-collection-read on one owner\'s memberships', () => {
  it('leaves out a user\'s session set that login adds to and logout removes from', () => {
    const text = `${TS_CLIENT}
export async function login(userId: string, sessionId: string) {
  await redis.sadd(\`user_sessions:\${userId}\`, sessionId);
}
export async function logout(userId: string, sessionId: string) {
  await redis.srem(\`user_sessions:\${userId}\`, sessionId);
}
export async function sessions(userId: string) {
  const key = \`user_sessions:\${userId}\`;
  return redis.smembers(key);
}
`;
    expect(wholeReadLines([{ path: 'src/sessions.ts', text }], 0)).toEqual([]);
  });

  it('leaves out an owner\'s agents, a cart hash and a project\'s clients (Python and key builders)', () => {
    const agents = `${PY_CLIENT}
def register(owner, agent_id):
    r.sadd(f"acn:owners:{owner}:agents", agent_id)

def agents_of(owner):
    return r.smembers(f"acn:owners:{owner}:agents")
`;
    expect(wholeReadLines([{ path: 'app/agents.py', text: agents }], 0)).toEqual([]);
    const cart = `${PY_CLIENT}
def add(user_id, item_id, qty):
    r.hset(f"cart:{user_id}", item_id, qty)

def items(user_id):
    return r.hgetall(f"cart:{user_id}")
`;
    expect(wholeReadLines([{ path: 'app/cart.py', text: cart }], 0)).toEqual([]);
    const clients = `${TS_CLIENT}
const Keys = { clientsInProject: ({ project_id }: { project_id: string }) => \`clients_in_project:\${project_id}\` };
export async function join(projectId: string, clientId: string) {
  await redis.sadd(Keys.clientsInProject({ project_id: projectId }), clientId);
}
export async function connected(projectId: string) {
  return redis.smembers(Keys.clientsInProject({ project_id: projectId }));
}
`;
    expect(wholeReadLines([{ path: 'src/clients.ts', text: clients }], 0)).toEqual([]);
  });

  it('still reports a user\'s followers, likes and watched posts: they grow with an audience or with events', () => {
    const text = `${PY_CLIENT}
def follow(user_id, follower_id):
    r.sadd(f"followers:{user_id}", follower_id)

def followers(user_id):
    return r.smembers(f"followers:{user_id}")

def like(user_id, item_id):
    r.sadd(f"user:{user_id}:likes", item_id)

def likes(user_id):
    return r.smembers(f"user:{user_id}:likes")

def watch(user_id, post_id):
    r.sadd(f"user:{user_id}:watched_posts", post_id)

def watched(user_id):
    return r.smembers(f"user:{user_id}:watched_posts")
`;
    expect(wholeReadLines([{ path: 'app/social.py', text }], 0)).toEqual([9, 15, 21]);
    // A key that is the owner's id alone says nothing of what it holds (a timeline as much as a cart).
    const bare = `${PY_CLIENT}\ndef push(user_id, tweet_id):\n    r.sadd(f"{user_id}", tweet_id)\n\ndef timeline(user_id):\n    return r.smembers(f"{user_id}")\n`;
    expect(wholeReadLines([{ path: 'app/timeline.py', text: bare }], 0)).toEqual([9]);
  });

  it('still reports the members of a room or a chat, one user\'s pushed list, and the set of every owner', () => {
    const text = `${TS_CLIENT}
export async function join(roomId: string, userId: string) {
  await redis.sadd(\`room:\${roomId}:users\`, userId);
  await redis.sadd(\`chat:\${roomId}\`, userId);
  await redis.sadd('owners', userId);
}
export async function roomUsers(roomId: string) {
  return redis.smembers(\`room:\${roomId}:users\`);
}
export async function chatMembers(chatId: string) {
  return redis.smembers(\`chat:\${chatId}\`);
}
export async function owners() {
  return redis.smembers('owners');
}
export async function note(userId: string, text: string) {
  await redis.rpush(\`user:\${userId}:notes\`, text);
}
export async function notes(userId: string) {
  return redis.lrange(\`user:\${userId}:notes\`, 0, -1);
}
`;
    expect(wholeReadLines([{ path: 'src/rooms.ts', text }], 0)).toEqual([11, 14, 17, 23]);
  });
});
