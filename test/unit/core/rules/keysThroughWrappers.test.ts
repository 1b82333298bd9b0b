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
