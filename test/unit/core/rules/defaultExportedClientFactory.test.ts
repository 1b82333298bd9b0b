/**
 * A client returned by a factory another module exports as its default — `export default function f()`, or
 * `function f()` / `const f = async () => ...` then `export default f` — is a client where it is called.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const USE = { path: 'src/store/keys.ts', text: "import model from './model';\n\nexport async function keys(pattern: string) {\n  const client = await model();\n  return client.keys(pattern);\n}\n" };

function keysLines(model: string): number[] {
  return findingLines.inWorkspace('keys-command', [{ path: 'src/store/model.ts', text: model }, USE], 1);
}

describe('a client from a default-exported factory of another module', () => {
  it('follows `export default function` and `export default async function`', () => {
    expect(keysLines("const redis = require('redis');\nlet client;\n\nexport default function model() {\n  if (!client) client = redis.createClient(process.env.REDIS_URL);\n  return client;\n}\n")).toEqual([5]);
    expect(keysLines("import { createClient } from 'redis';\nlet client;\n\nexport default async function model() {\n  if (!client) client = createClient();\n  return client;\n}\n")).toEqual([5]);
  });

  it('follows a module function or arrow function exported afterwards with `export default name`', () => {
    expect(keysLines("const redis = require('redis');\nlet client;\n\nasync function model() {\n  if (!client) client = redis.createClient();\n  return client;\n}\n\nexport default model;\n")).toEqual([5]);
    expect(keysLines("import Redis from 'ioredis';\nconst client = new Redis();\n\nconst model = async () => {\n  return client;\n};\n\nexport default model;\n")).toEqual([5]);
  });

  it('leaves a default-exported function that returns something else alone', () => {
    expect(keysLines("const store = new Map<string, string>();\n\nexport default function model() {\n  return store;\n}\n")).toEqual([]);
  });
});
