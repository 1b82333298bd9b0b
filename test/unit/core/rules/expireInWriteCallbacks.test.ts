/**
 * An EXPIRE sent from the write's own completion callback (node-redis v3 / ioredis callback style:
 * `client.set(k, v, (err) => { ... client.expire(k, ttl, done) })`): set-then-expire pairs the two commands, and
 * cache-write-without-ttl leaves the cache SET to it.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const V3 = "const redis = require('redis');\nconst client = redis.createClient();\nclient.on('error', console.error);\n\n";

function lines(rule: string, body: string): number[] {
  return findingLines.inFile(rule, { path: 'src/lib/pageCache.js', text: V3 + body });
}

const NESTED =
  'exports.remember = function (id, page, seconds) {\n  const cacheKey = `cache:page:${id}`;\n  return new Promise((resolve, reject) => {\n    client.set(cacheKey, page, (err) => {\n      if (err) {\n        reject(err);\n      } else {\n        client.expire(cacheKey, seconds, (err2) => (err2 ? reject(err2) : resolve()));\n      }\n    });\n  });\n};\n';

describe('EXPIRE in the completion callback of the write', () => {
  it('set-then-expire reports the write whose callback expires the same key (arrow and function callbacks)', () => {
    expect(lines('set-then-expire', NESTED)).toEqual([8]);
    expect(lines('set-then-expire', 'exports.hit = function (user, cb) {\n  client.incr(`hits:${user}`, function (err, n) {\n    client.expire(`hits:${user}`, 60, cb);\n  });\n};\n')).toEqual([6]);
  });

  it('cache-write-without-ttl leaves the cache SET whose callback expires it to set-then-expire', () => {
    expect(lines('cache-write-without-ttl', NESTED)).toEqual([]);
  });

  it('does not pair a callback that reads, expires another key, or only logs', () => {
    expect(lines('set-then-expire', 'exports.touch = function (key, cb) {\n  client.get(key, (err, v) => {\n    client.expire(key, 60, cb);\n  });\n};\n')).toEqual([]);
    expect(lines('set-then-expire', 'exports.mark = function (key, other, cb) {\n  client.set(key, 1, (err) => {\n    client.expire(other, 60, cb);\n  });\n};\n')).toEqual([]);
    const logged = 'exports.remember = function (id, page) {\n  const cacheKey = `cache:page:${id}`;\n  client.set(cacheKey, page, (err) => {\n    if (err) console.error(err);\n  });\n};\n';
    expect(lines('set-then-expire', logged)).toEqual([]);
    expect(lines('cache-write-without-ttl', logged)).toEqual([7]);
  });
});
