/**
 * An exported factory that binds its client to a local, connects it and returns the local gives its callers the
 * client as `return createClient(...)` does; and a key built from the user a socket carries (`socket.user.userid`)
 * names that user's collection, which outlives the connection, unlike one built from the socket's own id.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const FACTORY = `import { createClient, type RedisClientType } from 'redis';

export async function connectRedis(url: string): Promise<RedisClientType> {
  const client: RedisClientType = createClient({ url });
  await client.connect();
  return client;
}
`;

describe('missing-error-listener: an exported factory returning its local client', () => {
  it('reports the client when no file attaches an error listener to the factory result', () => {
    const user = { path: 'src/worker.ts', text: "import { connectRedis } from './redis';\n\nexport async function start() {\n  const redis = await connectRedis(process.env.REDIS_URL!);\n  await redis.set('started', Date.now());\n}\n" };
    expect(findingLines.inWorkspace('missing-error-listener', [{ path: 'src/redis.ts', text: FACTORY }, user], 0)).toEqual([4]);
  });

  it('reports it when nothing calls the factory', () => {
    expect(findingLines.inWorkspace('missing-error-listener', [{ path: 'src/redis.ts', text: FACTORY }], 0)).toEqual([4]);
  });

  it('leaves it when a caller listens to the result, when the factory listens itself, or without a workspace', () => {
    const listening = { path: 'src/worker.ts', text: "import { connectRedis } from './redis';\n\nexport async function start() {\n  const redis = await connectRedis(process.env.REDIS_URL!);\n  redis.on('error', (err) => console.error(err));\n}\n" };
    expect(findingLines.inWorkspace('missing-error-listener', [{ path: 'src/redis.ts', text: FACTORY }, listening], 0)).toEqual([]);
    const selfListening = FACTORY.replace('  await client.connect();', "  client.on('error', console.error);\n  await client.connect();");
    expect(findingLines.inWorkspace('missing-error-listener', [{ path: 'src/redis.ts', text: selfListening }], 0)).toEqual([]);
    expect(findingLines.inFile('missing-error-listener', { path: 'src/redis.ts', text: FACTORY })).toEqual([]);
  });

  it('leaves a factory that returns an object holding the client, or a local it does not return', () => {
    const wrapped = `import Redis from 'ioredis';

export function makeStore(url: string) {
  const client = new Redis(url);
  return { client, close: () => client.quit() };
}
`;
    expect(findingLines.inWorkspace('missing-error-listener', [{ path: 'src/store.ts', text: wrapped }], 0)).toEqual([]);
  });

  it('leaves a factory that hands its local client to other code before returning it', () => {
    const handedOn = `import Redis from 'ioredis';
import { instrument } from './metrics';

export function createClient(opts: object) {
  let client;
  client = new Redis(opts);
  instrument(client);
  return client;
}
`;
    expect(findingLines.inWorkspace('missing-error-listener', [{ path: 'src/redis.ts', text: handedOn }], 0)).toEqual([]);
  });
});

describe('unbounded-collection-read: keys built from the user a socket carries', () => {
  const CLIENT = "const Redis = require('ioredis');\nconst redis = new Redis(process.env.REDIS_URL);\nredis.on('error', console.error);\n";

  it('reports the whole read of the friend list of the socket\'s user, which another handler pushes to', () => {
    const text = `${CLIENT}
async function addFriend(socket, friendId) {
  await redis.lpush(\`friends:\${socket.user.userid}\`, friendId);
}
async function onConnect(socket) {
  const friends = await redis.lrange(\`friends:\${socket.user.userid}\`, 0, -1);
  socket.emit('friends', friends);
}
module.exports = { addFriend, onConnect };
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/socket.js', text })).toEqual([9]);
  });

  it('leaves out the lists of the connection itself: keyed by the socket id or named for the socket', () => {
    const text = `${CLIENT}
async function join(socket, room) {
  await redis.rpush(\`rooms:\${socket.id}\`, room);
  await redis.rpush('socket:' + socket.handshake.auth.userId + ':outbox', room);
}
async function rooms(socket) {
  return [await redis.lrange(\`rooms:\${socket.id}\`, 0, -1), await redis.lrange('socket:' + socket.handshake.auth.userId + ':outbox', 0, -1)];
}
module.exports = { join, rooms };
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/socket.js', text })).toEqual([]);
  });

  it('leaves out the set of the room a socket sits in and keys built through a connection object\'s key builder', () => {
    const text = `${CLIENT}
async function enter(socket) {
  await redis.sadd(\`sockets:\${socket.pos}\`, socket.id);
}
async function present(socket) {
  return redis.smembers(\`sockets:\${socket.pos}\`);
}
class Queue {
  constructor(connection) { this.connection = connection; }
  async add(q) { await this.connection.redis.sadd(this.connection.key('queues'), q); }
  async queues() { return this.connection.redis.smembers(this.connection.key('queues')); }
}
module.exports = { enter, present, Queue };
`;
    expect(findingLines.inFile('unbounded-collection-read', { path: 'src/presence.js', text })).toEqual([]);
  });
});
