/**
 * Keys built from what a socket points at (`socket.pos + 'chat'`: the room it sits in) are the room's collections, not
 * the connection's; and `hmset(key, { [roomId]: … })` adds one field per entity as `hset(key, roomId, …)` does.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const CLIENT = "const redis = require('redis');\nconst client = redis.createClient(process.env.REDIS_URL);\nclient.on('error', console.error);\n";

describe('del-large-key: keys built from a socket property', () => {
  it('reports the DEL of the chat list of the room a socket sits in, which another file RPUSHes per message', () => {
    const chat = `${CLIENT}
module.exports = {
  save: (socket, message) => client.rpush(socket.pos + 'chat', JSON.stringify(message)),
};
`;
    const room = `${CLIENT}
class Room {
  constructor(socket) { this.socket = socket; }
  leave() {
    client.del(this.socket.pos + 'chat');
  }
}
module.exports = Room;
`;
    const files = [{ path: 'controllers/chat.js', text: chat }, { path: 'controllers/room.js', text: room }];
    expect(findingLines.inWorkspace('del-large-key', files, 1)).toEqual([8]);
  });

  it('leaves out the lists and sets of the connection itself: keyed by the socket id or named for the socket', () => {
    const text = `${CLIENT}
function join(socket, room) {
  client.sadd(socket.id + ':rooms', room);
  client.rpush('socket:' + socket.id + ':outbox', room);
  client.sadd(\`sockets:\${socket.pos}\`, socket.id);
}
function disconnect(socket) {
  client.del(socket.id + ':rooms');
  client.del('socket:' + socket.id + ':outbox');
  client.del(\`sockets:\${socket.pos}\`);
}
module.exports = { join, disconnect };
`;
    expect(findingLines.inFile('del-large-key', { path: 'src/sockets.js', text })).toEqual([]);
  });
});

describe('unbounded-collection-read: hashes filled through objects of one computed entry', () => {
  const handler = "const client = require('./client');\nconst { promisify } = require('util');\nmodule.exports = {\n  hmset: promisify(client.hmset).bind(client),\n  hkeys: promisify(client.hkeys).bind(client),\n  hgetall: promisify(client.hgetall).bind(client),\n};\n";
  const clientModule = "const redis = require('redis');\nconst client = redis.createClient(process.env.REDIS_URL);\nclient.on('error', console.error);\nmodule.exports = client;\n";

  it('reports HKEYS of a global hash that HMSET fills with { [roomId]: info } through a promisified wrapper module', () => {
    const rooms = `const redisHandler = require('./handler');
const ROOMS = 'roomInfo';
async function create(nextRoomId, info) {
  await redisHandler.hmset(ROOMS, { [nextRoomId]: JSON.stringify(info) });
}
async function list() {
  return redisHandler.hkeys(ROOMS);
}
module.exports = { create, list };
`;
    const files = [{ path: 'client.js', text: clientModule }, { path: 'handler.js', text: handler }, { path: 'rooms.js', text: rooms }];
    expect(findingLines.inWorkspace('unbounded-collection-read', files, 2)).toEqual([7]);
  });

  it('leaves out a record hash written as an object of named fields, also with a computed one among them', () => {
    const profile = `const redisHandler = require('./handler');
async function save(userId, name, field, value) {
  await redisHandler.hmset('settings', { theme: name, [field]: value });
  await redisHandler.hmset('profile', { name, plan: 'free' });
  await redisHandler.hmset('counters', { [field]: value });
}
async function load() {
  return [await redisHandler.hgetall('settings'), await redisHandler.hgetall('profile'), await redisHandler.hgetall('counters')];
}
module.exports = { save, load };
`;
    const files = [{ path: 'client.js', text: clientModule }, { path: 'handler.js', text: handler }, { path: 'profile.js', text: profile }];
    expect(findingLines.inWorkspace('unbounded-collection-read', files, 2)).toEqual([]);
  });
});
