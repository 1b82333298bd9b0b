/**
 * A client that is its module's default export (`export default new Redis()`, `module.exports = createClient()`)
 * is reported, with the workspace known, when no importer attaches an 'error' listener to it.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();
const lines = (files: { path: string; text: string }[]) => findingLines.inWorkspace('missing-error-listener', files, 0);

const TS_CLIENT = { path: 'src/db/session.ts', text: "import Redis from 'ioredis';\n\nexport default new Redis({ ...options, db: 0 });\n" };
const CJS_CLIENT = { path: 'src/redisClient.js', text: "const redis = require('redis');\n\nmodule.exports = redis.createClient({ host: process.env.REDIS_HOST });\n" };

describe('a client exported as the module default', () => {
  it('is reported when its importers only send commands', () => {
    const user = { path: 'src/db/store.ts', text: "import redis from './session';\n\nexport const get = async (key: string) => redis.get(key);\nexport const destroy = async (key: string) => redis.del(key);\n" };
    expect(lines([TS_CLIENT, user])).toEqual([3]);
    const cjsUser = { path: 'src/users.js', text: "const client = require('./redisClient');\n\nmodule.exports.list = (cb) => client.hgetall('online', cb);\n" };
    expect(lines([CJS_CLIENT, cjsUser])).toEqual([3]);
  });

  it('is not reported when an importer attaches the listener', () => {
    const listening = { path: 'src/db/store.ts', text: "import redis from './session';\n\nredis.on('error', (err) => console.error(err));\nexport const get = async (key: string) => redis.get(key);\n" };
    expect(lines([TS_CLIENT, listening])).toEqual([]);
    const cjsListening = { path: 'src/index.js', text: "const client = require('./redisClient');\n\nclient.on('error', console.error);\n" };
    expect(lines([CJS_CLIENT, cjsListening])).toEqual([]);
  });

  it('is not reported when an importer gives it to BullMQ as the connection', () => {
    const queue = { path: 'src/db/jobs.ts', text: "import { Worker } from 'bullmq';\nimport connection from './session';\n\nexport const worker = new Worker('mail', async () => {}, { connection });\n" };
    expect(lines([TS_CLIENT, queue])).toEqual([]);
  });

  it('is not reported in a file reviewed alone, nor for a default-exported factory whose result is listened to', () => {
    expect(findingLines.inFile('missing-error-listener', TS_CLIENT)).toEqual([]);
    const factory = { path: 'src/db/make.ts', text: "import Redis from 'ioredis';\n\nexport default function make() {\n  return new Redis();\n}\n" };
    const caller = { path: 'src/db/use.ts', text: "import make from './make';\n\nconst redis = make();\nredis.on('error', console.error);\n" };
    expect(lines([factory, caller])).toEqual([]);
    const later = { path: 'src/db/make.ts', text: "import Redis from 'ioredis';\n\nfunction make() {\n  return new Redis();\n}\n\nexport default make;\n" };
    expect(lines([later, caller])).toEqual([]);
  });

  it('a default-exported factory whose callers attach no listener is still reported', () => {
    const factory = { path: 'src/db/make.ts', text: "import Redis from 'ioredis';\n\nexport default function make() {\n  return new Redis();\n}\n" };
    const caller = { path: 'src/db/use.ts', text: "import make from './make';\n\nexport const get = (key: string) => make().get(key);\n" };
    expect(lines([factory, caller])).toEqual([4]);
  });
});
