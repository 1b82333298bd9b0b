/**
 * A class's constructor is reached through that class (`Foo(...)`, `new Foo()`, `super().__init__()`), never by its
 * bare name: another module's `__init__` or `constructor` that sends a command says nothing about the constructors
 * a file calls.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function ruleLines(files: { path: string; text: string }[], language: 'python' | 'javascript', rule: string): number[] {
  const workspace = buildWorkspaceIndex(parsers, files);
  const file = files[files.length - 1];
  const result = reviewSource(parsers, file.text, { path: file.path, language, workspace });
  return result.findings.filter((f) => f.ruleId === rule).map((f) => f.span.start.line + 1);
}

const PY_WORKER = {
  path: 'app/workers/collector.py',
  text: 'import redis\n\n\nclass Collector:\n    def __init__(self, url):\n        self.redis = redis.Redis.from_url(url)\n        for key in self.redis.keys("collector_stats_*"):\n            self.redis.delete(key)\n',
};

describe('constructors are not project helpers by name', () => {
  it('does not take a parent constructor call for another module\'s __init__ that runs KEYS', () => {
    const metrics = {
      path: 'app/metrics/gauges.py',
      text: [
        'import redis',
        '',
        'conn = redis.Redis()',
        '',
        '',
        'class Base:',
        '    def __init__(self, name):',
        '        self.name = name',
        '',
        '',
        'class Counter(Base):',
        '    def __init__(self, name, help_text):',
        '        Base.__init__(self, name)',
        '        self.help_text = help_text',
        '',
        '',
        'class Timer(Counter):',
        '    def __init__(self, *args, **kwargs):',
        '        super().__init__(*args, **kwargs)',
        '',
      ].join('\n'),
    };
    expect(ruleLines([PY_WORKER, metrics], 'python', 'keys-command')).toEqual([]);
  });

  it('still reports the KEYS the constructor sends, and a named helper of another module that runs KEYS', () => {
    expect(ruleLines([PY_WORKER], 'python', 'keys-command')).toEqual([7]);
    const store = {
      path: 'app/db/store.py',
      text: 'import redis\n\n\nclass Store:\n    def __init__(self, url):\n        self._redis = redis.Redis.from_url(url)\n\n    def list_tables(self, pattern):\n        return self._redis.keys(pattern)\n',
    };
    const job = {
      path: 'app/jobs/cleanup.py',
      text: 'from app.db.store import Store\n\n\nclass Cleanup(Store):\n    def __init__(self, url):\n        super().__init__(url)\n\n    def run(self, prefix):\n        return self.list_tables(prefix + "*")\n',
    };
    expect(ruleLines([store, job], 'python', 'keys-command')).toEqual([9]);
  });

  it('does not take a JS super() constructor call for another module\'s constructor that runs KEYS', () => {
    const worker = {
      path: 'src/workers/sweeper.js',
      text: "const Redis = require('ioredis');\n\nclass Sweeper {\n  constructor(url) {\n    this.redis = new Redis(url);\n    this.redis.on('error', console.error);\n    this.redis.keys('sweep:*').then((keys) => keys.length);\n  }\n}\nmodule.exports = Sweeper;\n",
    };
    const view = {
      path: 'src/views/panel.js',
      text: "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.on('error', console.error);\n\nclass Panel {\n  constructor(title) {\n    this.title = title;\n  }\n}\n\nclass Wide extends Panel {\n  constructor(title) {\n    super(title);\n    this.constructor(title);\n  }\n}\nmodule.exports = Wide;\n",
    };
    expect(ruleLines([worker, view], 'javascript', 'keys-command')).toEqual([]);
  });
});
