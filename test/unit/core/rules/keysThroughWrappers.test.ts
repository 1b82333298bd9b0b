/** keys-command through a project's own cache wrapper, in files that never mention Redis. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const WRAPPER = {
  path: 'src/storage/kv.js',
  text: "const Redis = require('ioredis');\n\nclass Kv {\n  constructor(url) {\n    this.client = new Redis(url);\n    this.client.on('error', console.error);\n  }\n  keys(pattern) {\n    return this.client.keys(pattern);\n  }\n}\nmodule.exports = Kv;\n",
};

function keysLines(file: { path: string; text: string }): number[] {
  const sources = [WRAPPER, file];
  const workspace = buildWorkspaceIndex(parsers, sources);
  const result = reviewSource(parsers, file.text, { path: file.path, language: 'javascript', workspace });
  return result.findings.filter((f) => f.ruleId === 'keys-command').map((f) => f.span.start.line + 1);
}

describe('keys-command through a wrapper', () => {
  it('reports a key pattern handed to keys() in a file of a Redis project that does not name Redis', () => {
    const job = {
      path: 'src/jobs/weekly.js',
      text: 'module.exports = async function reset(app) {\n  const keys = await app.kv.keys("points:*");\n  const scoped = await app.kv.keys(`drops:${app.guild}:*`);\n  return keys.length + scoped.length;\n};\n',
    };
    expect(keysLines(job)).toEqual([2, 3]);
  });

  it('does not take Object.keys or a map without a pattern for KEYS', () => {
    const view = {
      path: 'src/jobs/view.js',
      text: 'module.exports = function names(app) {\n  const fields = Object.keys(app.settings);\n  const ids = [...app.sessions.keys()];\n  return fields.concat(ids);\n};\n',
    };
    expect(keysLines(view)).toEqual([]);
  });
});

describe('keys-command through a project helper of another module', () => {
  const STORE = {
    path: 'crawler/db/store.py',
    text: 'import redis\n\n\nclass Store:\n    def __init__(self, url):\n        self._redis = redis.Redis.from_url(url)\n\n    def list_tables(self, pattern):\n        return self._redis.keys(pattern)\n\n    def size(self, table):\n        return self._redis.zcard(table)\n\n    def all_users(self):\n        return self._redis.keys(\"user:*\")\n',
  };

  function lines(file: { path: string; text: string }): number[] {
    const workspace = buildWorkspaceIndex(parsers, [STORE, file]);
    const result = reviewSource(parsers, file.text, { path: file.path, language: 'python', workspace });
    return result.findings.filter((f) => f.ruleId === 'keys-command').map((f) => f.span.start.line + 1);
  }

  it('reports each call of a method whose one command is KEYS, not its definition, comments or other helpers', () => {
    const scheduler = {
      path: 'crawler/core/scheduler.py',
      text: 'from crawler.db.store import Store\n\n\nclass Scheduler:\n    def __init__(self, url):\n        self._store = Store(url)\n\n    def drop_all(self, prefix):\n        # list_tables() walks the keyspace\n        for table in self._store.list_tables(prefix + "*"):\n            print(table, self._store.size(table))\n        return len(self._store.all_users())\n',
    };
    // all_users() fixes its pattern: its KEYS is reported in the store, not at every caller.
    expect(lines(scheduler)).toEqual([10]);
  });

  it('says nothing of a same-named function that is not a Redis helper of the project', () => {
    const tables = { path: 'crawler/core/tables.py', text: 'from crawler.db.store import Store\n\n\ndef sizes(catalog, url):\n    store = Store(url)\n    return [store.size(name) for name in catalog.list_names()]\n' };
    expect(lines(tables)).toEqual([]);
  });
});
