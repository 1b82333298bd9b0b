/** pickle.loads handed by reference to an object that reads a Redis client's values with it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function pickleLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/store.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'pickle-deserialization')
    .map((f) => f.span.start.line + 1);
}

describe('pickle-deserialization of an unpickler handed to a cache over a Redis client', () => {
  it('reports deserializer=pickle.loads given with the client, and a loads imported from pickle', () => {
    const text = 'import pickle\nfrom pickle import loads as unpickle\n\nimport redis\nimport memo\n\n\ndef build_memo():\n    conn = redis.Redis(host="cache")\n    return memo.Store(\n        client=conn,\n        encode=pickle.dumps,\n        decode=pickle.loads,\n    )\n\n\nconn = redis.Redis()\nsessions = memo.Store(conn, pickle.dumps, unpickle)\n';
    expect(pickleLines(text)).toEqual([13, 18]);
  });

  it('leaves a JSON decoder next to the client, and pickle.loads handed with no client, alone', () => {
    const text = 'import json\nimport pickle\n\nimport redis\nimport memo\n\nconn = redis.Redis()\nstore = memo.Store(client=conn, decode=json.loads)\nlocal = memo.Store(path="/tmp/cache", decode=pickle.loads)\n';
    expect(pickleLines(text)).toEqual([]);
  });
});
