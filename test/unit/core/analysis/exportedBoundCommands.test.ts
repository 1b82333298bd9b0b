/** Commands one module exports bound to its client (promisify era of node-redis v3), run by the files importing them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { exportedBoundCommandsIn } from '../../../../src/core/analysis/exportedBoundCommands';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function review(files: { path: string; text: string }[], path: string) {
  const workspace = buildWorkspaceIndex(parsers, files);
  const text = files.find((f) => f.path === path)!.text;
  return reviewSource(parsers, text, { path, language: languageForPath(path)!, workspace });
}

function sites(files: { path: string; text: string }[], path: string) {
  return review(files, path).callSites.map((s) => `${s.span.start.line + 1}:${s.command}:${s.receiver.confidence}`);
}

const STORE = [
  "const redis = require('redis');",
  "const { promisify } = require('util');",
  'const store = redis.createClient();',
  "store.on('error', console.error);",
  'const fetchAsync = promisify(store.hgetall).bind(store);',
  'module.exports = {',
  '  fetchAsync,',
  '  listAsync: promisify(store.lrange).bind(store),',
  '  scanNames: promisify(store.keys).bind(store),',
  '  expireLater: store.expire.bind(store),',
  '};',
  '',
].join('\n');

describe('exportedBoundCommandsIn', () => {
  it('reads the export shapes of promisified and bound client methods', () => {
    const text = [
      "const { promisify } = require('util');",
      'const kv = makeClient();',
      'export const readAsync = promisify(kv.get).bind(kv);',
      'const dropAsync = promisify(kv.del).bind(kv);',
      'const countAsync = util.promisify(kv.incr);',
      'exports.push = promisify(kv.rpush).bind(kv);',
      'module.exports.ttl = kv.ttl.bind(kv);',
      'export { dropAsync, countAsync as count };',
      'export default { ...kv, members: promisify(kv.smembers).bind(kv), version: 2 };',
      '',
    ].join('\n');
    const found = exportedBoundCommandsIn(text).map((b) => `${b.name}=${b.receiver}.${b.method}`).sort();
    expect(found).toEqual(['count=kv.incr', 'dropAsync=kv.del', 'members=kv.smembers', 'push=kv.rpush', 'readAsync=kv.get', 'ttl=kv.ttl']);
  });

  it('leaves locals that are not exported, re-exports and plain values alone', () => {
    const text = [
      'const kv = makeClient();',
      'const hidden = promisify(kv.get).bind(kv);',
      "export { other } from './other';",
      'module.exports = { version: 2, run: () => hidden("k"), ...kv };',
      '',
    ].join('\n');
    expect(exportedBoundCommandsIn(text)).toEqual([]);
  });
});

describe('commands imported bound to another module\'s client', () => {
  it('runs the bound command through a destructured require, a whole require and a namespace import', () => {
    const files = [
      { path: 'lib/store.js', text: STORE },
      { path: 'routes/a.js', text: "const { fetchAsync, listAsync } = require('../lib/store');\nasync function a(id) {\n  const row = await fetchAsync(`user:${id}`);\n  return listAsync(`feed:${id}`, 0, 9);\n}\nmodule.exports = a;\n" },
      { path: 'routes/b.js', text: "const store = require('../lib/store');\nasync function b(id) {\n  return store.fetchAsync(`user:${id}`);\n}\nmodule.exports = b;\n" },
      { path: 'routes/c.ts', text: "import * as store from '../lib/store';\nexport async function c(id: string) {\n  await store.expireLater(`user:${id}`, 60);\n}\n" },
    ];
    expect(sites(files, 'routes/a.js')).toEqual(['3:HGETALL:likely', '4:LRANGE:likely']);
    expect(sites(files, 'routes/b.js')).toEqual(['3:HGETALL:likely']);
    expect(sites(files, 'routes/c.ts')).toEqual(['3:EXPIRE:likely']);
  });

  it('lets the rules see them: KEYS through an imported wrapper, one command per item of a loop', () => {
    const files = [
      { path: 'lib/store.js', text: STORE },
      {
        path: 'jobs/cleanup.js',
        text: "const { scanNames, expireLater } = require('../lib/store');\nasync function cleanup(ids) {\n  const names = await scanNames('session:*');\n  for (const id of ids) {\n    await expireLater(`user:${id}`, 60);\n  }\n  return names;\n}\nmodule.exports = cleanup;\n",
      },
    ];
    const found = review(files, 'jobs/cleanup.js').findings.map((f) => `${f.span.start.line + 1}:${f.ruleId}`);
    expect(found).toContain('3:keys-command');
    expect(found).toContain('5:command-in-loop');
  });

  it('ignores imported functions that are not client commands, and modules that do not use Redis', () => {
    const files = [
      {
        path: 'lib/store.js',
        text: "const redis = require('redis');\nconst fs = require('fs');\nconst { promisify } = require('util');\nconst store = redis.createClient();\nstore.on('error', console.error);\nconst memo = new Map();\nmodule.exports = { readFileAsync: promisify(fs.readFile).bind(fs), memoKeys: memo.keys.bind(memo) };\n",
      },
      { path: 'lib/memory.js', text: "const { promisify } = require('util');\nconst cache = new Map();\nmodule.exports = { keys: cache.keys.bind(cache), del: cache.delete.bind(cache) };\n" },
      {
        path: 'routes/d.js',
        text: "const { readFileAsync, memoKeys } = require('../lib/store');\nconst memory = require('../lib/memory');\nconst { keys } = require('../lib/memory');\nasync function d(p) {\n  await readFileAsync(p);\n  memory.del(p);\n  return [...keys(), ...memoKeys(), ...Object.keys(memory)];\n}\nmodule.exports = d;\n",
      },
    ];
    expect(sites(files, 'routes/d.js')).toEqual([]);
    expect(review(files, 'routes/d.js').findings).toEqual([]);
  });
});

describe('a module whose whole export is a function sending one command', () => {
  const model = (method: string) =>
    `const redis = require('redis');\nconst client = redis.createClient();\nclient.on('error', console.error);\n\nmodule.exports = (...args) => {\n  return new Promise((resolve, reject) => {\n    client.${method}(args, (err, res) => (err ? reject(err) : resolve(res)));\n  });\n};\n`;

  it('reads the command of the exported function, whatever its shape', () => {
    expect(exportedBoundCommandsIn(model('keys'))).toEqual([{ name: 'default', method: 'keys', receiver: 'client' }]);
    expect(exportedBoundCommandsIn("import { kv } from './kv';\nexport default async function load(id: string) {\n  return kv.hgetall(`doc:${id}`);\n}\n")).toEqual([{ name: 'default', method: 'hgetall', receiver: 'kv' }]);
    expect(exportedBoundCommandsIn("const kv = require('./kv');\nmodule.exports = (key) => kv.incr(key);\n")).toEqual([{ name: 'default', method: 'incr', receiver: 'kv' }]);
  });

  it('runs the command where an importer calls it under its own name: KEYS with a pattern, HSET then EXPIRE', () => {
    const files = [
      { path: 'models/keys.js', text: model('keys') },
      { path: 'models/hset.js', text: model('hset') },
      { path: 'models/expire.js', text: model('expire') },
      {
        path: 'commands/register.js',
        text: "const keys = require('../models/keys');\nconst hset = require('../models/hset');\nconst expire = require('../models/expire');\n\nmodule.exports = (day, title) => {\n  keys('posts:*').then((all) => console.log(all.length));\n  hset(`posts:${day}`, title, '1').then(() => expire(`posts:${day}`, 3600));\n};\n",
      },
    ];
    expect(sites(files, 'commands/register.js')).toEqual(['6:KEYS:likely', '7:HSET:likely', '7:EXPIRE:likely']);
    const rules = review(files, 'commands/register.js').findings.map((f) => `${f.span.start.line + 1}:${f.ruleId}`);
    expect(rules).toContain('6:keys-command');
    expect(rules).toContain('7:set-then-expire');
  });

  it('leaves exports alone that send several commands or none, and functions that are not the whole export', () => {
    expect(exportedBoundCommandsIn("const kv = require('./kv');\nmodule.exports = async (id) => {\n  await kv.incr(`views:${id}`);\n  return kv.get(`views:${id}`);\n};\n")).toEqual([]);
    expect(exportedBoundCommandsIn("module.exports = (items) => items.map((i) => JSON.stringify(i));\n")).toEqual([]);
    expect(exportedBoundCommandsIn("const kv = require('./kv');\nfunction count(id) {\n  return kv.incr(id);\n}\nmodule.exports = { count, version: 1 };\n")).toEqual([]);
  });
});
