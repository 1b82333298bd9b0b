/**
 * node-redis v3 clients promisified with bluebird's promisifyAll carry an `<command>Async` twin of every command
 * method (`keysAsync`, `hmsetAsync`, `getAsync`): the twin sends the command of its prefix, so the rules judge it as
 * that command. Methods whose prefix is no command (`readFileAsync`) and calls on objects that are not Redis clients
 * stay out.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const middleware = [
  "const redis = require('redis');",
  "const bluebird = require('bluebird');",
  'bluebird.promisifyAll(redis.RedisClient.prototype);',
  'const client = redis.createClient();',
  "client.on('error', () => {});",
  '',
  'async function cached(req, res, next) {',
  "  const keys = await client.keysAsync('page:*');",
  '  const hit = keys.find((k) => k.endsWith(req.url));',
  '  if (hit) return res.send(await client.getAsync(hit));',
  '  next();',
  '}',
  '',
  'async function store(url, headers, body) {',
  '  const key = `page:${url}`;',
  '  await client.hmsetAsync(key, { headers, body });',
  '  await client.expireAsync(key, 600);',
  '}',
  '',
  'async function warm(urls) {',
  '  for (const url of urls) {',
  '    await client.getAsync(`page:${url}`);',
  '  }',
  '}',
  '',
  'module.exports = { cached, store, warm };',
  '',
].join('\n');

describe('bluebird-promisified node-redis v3 commands', () => {
  it('reports KEYS sent as keysAsync', () => {
    expect(findingLines.inFile('keys-command', { path: 'lib/cache.js', text: middleware })).toEqual([8]);
  });

  it('reports an hmsetAsync followed by a separate expireAsync of the same key', () => {
    expect(findingLines.inFile('set-then-expire', { path: 'lib/cache.js', text: middleware })).toEqual([16]);
  });

  it('reports a getAsync awaited per item of a loop', () => {
    expect(findingLines.inFile('command-in-loop', { path: 'lib/cache.js', text: middleware })).toEqual([22]);
  });

  it('does not take other promisified methods or non-Redis receivers for commands', () => {
    const text = [
      "const fs = require('fs');",
      "const bluebird = require('bluebird');",
      'bluebird.promisifyAll(fs);',
      '',
      'async function load(paths) {',
      '  for (const p of paths) {',
      "    await fs.readFileAsync(p, 'utf8');",
      '  }',
      "  return fs.readdirAsync('.');",
      '}',
      '',
      'module.exports = load;',
      '',
    ].join('\n');
    expect(findingLines.inFile('command-in-loop', { path: 'lib/load.js', text })).toEqual([]);
    expect(findingLines.inFile('keys-command', { path: 'lib/load.js', text })).toEqual([]);
  });

  it('does not read a key pattern passed to a promisified non-Redis keys method as KEYS', () => {
    const text = "const bluebird = require('bluebird');\nconst store = bluebird.promisifyAll(require('./memoryStore'));\n\nasync function list() {\n  return store.keysAsync('page:*');\n}\n\nmodule.exports = list;\n";
    expect(findingLines.inFile('keys-command', { path: 'lib/list.js', text })).toEqual([]);
  });
});
