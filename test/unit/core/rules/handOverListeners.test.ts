/** missing-error-listener when a client is handed to a project module: judged by what that module does with it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const MAIN = {
  path: 'util/topList.js',
  text: "const redis = require('redis');\nconst view = require('./view');\n\nasync function top() {\n  const redisClient = redis.createClient();\n  await redisClient.connect();\n  await view(redisClient, 'top');\n  await redisClient.disconnect();\n}\n\nmodule.exports = top;\n",
};

function listenerFindings(view: { path: string; text: string }) {
  const workspace = buildWorkspaceIndex(parsers, [MAIN, view]);
  return reviewSource(parsers, MAIN.text, { path: MAIN.path, language: 'javascript', workspace }).findings.filter((f) => f.ruleId === 'missing-error-listener');
}

describe('missing-error-listener for a client handed to a project module', () => {
  it('reports the client when the module only runs commands on it', () => {
    const view = { path: 'util/view.js', text: "async function view(redisClient, key) {\n  return redisClient.zRange(key, 0, -1);\n}\n\nmodule.exports = view;\n" };
    expect(listenerFindings(view).map((f) => f.span.start.line + 1)).toEqual([5]);
  });

  it('keeps the hand-over when the module attaches an error listener', () => {
    const view = { path: 'util/view.js', text: "async function view(redisClient, key) {\n  redisClient.on('error', console.error);\n  return redisClient.zRange(key, 0, -1);\n}\n\nmodule.exports = view;\n" };
    expect(listenerFindings(view)).toEqual([]);
  });

  it('keeps the hand-over when the module may pass the client on to another project module', () => {
    const view = { path: 'util/view.js', text: "const attach = require('./attach');\nasync function view(redisClient, key) {\n  attach(redisClient);\n  return redisClient.zRange(key, 0, -1);\n}\n\nmodule.exports = view;\n" };
    expect(listenerFindings(view)).toEqual([]);
  });
});

describe('missing-error-listener for a client handed down a chain of project modules', () => {
  const view = { path: 'util/view.js', text: "const attach = require('./attach');\nasync function view(redisClient, key) {\n  await attach(redisClient, key);\n  return redisClient.zRange(key, 0, -1);\n}\n\nmodule.exports = view;\n" };
  const chain = (attach: string) =>
    reviewSource(parsers, MAIN.text, { path: MAIN.path, language: 'javascript', workspace: buildWorkspaceIndex(parsers, [MAIN, view, { path: 'util/attach.js', text: attach }]) })
      .findings.filter((f) => f.ruleId === 'missing-error-listener')
      .map((f) => f.span.start.line + 1);

  it('reports the client when no module down the chain attaches a listener', () => {
    expect(chain("const { promisify } = require('util');\nmodule.exports = async (client, key) => {\n  await promisify(setTimeout)(10);\n  return client.set(`seen:${key}`, '1', 'EX', 60);\n};\n")).toEqual([5]);
  });

  it('keeps the hand-over when a module further down attaches one', () => {
    expect(chain("module.exports = (client) => {\n  client.on('error', (err) => console.error(err));\n};\n")).toEqual([]);
  });
});
