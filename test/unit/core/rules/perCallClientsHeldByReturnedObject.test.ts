/**
 * client-per-request on a factory that creates a client and hands back an object holding it (`return { client,
 * middleware }`, `{ client: redisClient }`): the client lives as long as that object, like a factory's returned
 * client, so it is made once per object the application builds, not once per request. A function that puts its
 * client in an object only to read a value from it, and drops both, still makes a client per call.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function perCallLines(path: string, text: string): number[] {
  return findingLines.inFile('client-per-request', { path, text });
}

const middlewareFactory = [
  "const redis = require('redis');",
  '',
  'function pageCache(options) {',
  '  let store;',
  '  store = redis.createClient(options.port, options.host);',
  "  store.on('error', () => {});",
  '  function withTtl(ttl) {',
  '    return function handler(req, res, next) {',
  '      store.get(req.url, (err, body) => (body ? res.send(body) : next()));',
  '    };',
  '  }',
  '  return {',
  '    client: store,',
  '    middleware: withTtl(60),',
  '  };',
  '}',
  '',
  'module.exports = pageCache;',
  '',
].join('\n');

describe('client-per-request: a factory returning an object that holds its client', () => {
  it('does not report a middleware factory whose returned object carries the client it made', () => {
    expect(perCallLines('lib/pageCache.js', middlewareFactory)).toEqual([]);
  });

  it('does not report the client returned in shorthand, { client, get }', () => {
    const text = "import Redis from 'ioredis';\n\nexport function makeStore(url: string) {\n  const client = new Redis(url);\n  client.on('error', () => {});\n  const get = (key: string) => client.get(key);\n  return { client, get };\n}\n";
    expect(perCallLines('src/store.ts', text)).toEqual([]);
  });

  it('does not report a Python factory returning a dict that holds its client', () => {
    const text = 'import redis\n\n\ndef make_store(url):\n    conn = redis.Redis.from_url(url)\n    conn.ping()\n    return {"client": conn, "prefix": "app:"}\n';
    expect(perCallLines('app/store.py', text)).toEqual([]);
  });

  it('still reports a function that builds a client per call and returns only a value it read', () => {
    const text = "const redis = require('redis');\n\nasync function pageCount(req) {\n  const store = redis.createClient();\n  store.on('error', () => {});\n  await store.connect();\n  const count = await store.get('pages');\n  return { count: count };\n}\n\nmodule.exports = pageCount;\n";
    expect(perCallLines('lib/pages.js', text)).toEqual([4]);
  });

  it('still reports a client put in a local object that is not returned, only a value read with it', () => {
    const text = 'import redis\n\n\ndef page_count(url):\n    conn = redis.Redis.from_url(url)\n    stats = {"client": conn, "pages": conn.get("pages")}\n    return stats["pages"]\n';
    expect(perCallLines('app/pages.py', text)).toEqual([5]);
  });
});
