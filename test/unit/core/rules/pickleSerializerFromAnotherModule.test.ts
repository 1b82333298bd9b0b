/** pickle-deserialization through a serializer class defined in another module of the project. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { picklingClassesIn } from '../../../../src/core/analysis/picklingClasses';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CODECS = {
  path: 'kvcache/codecs.py',
  text: `import json
import pickle


class Codec:
    def dumps(self, value):
        return pickle.dumps(value)

    def loads(self, raw):
        if raw is None:
            return None
        return pickle.loads(raw)


class RedisCodec(Codec):
    """Values stored in Redis, pickled."""


class JsonCodec(Codec):
    def loads(self, raw):
        return json.loads(raw)
`,
};

// The backend never mentions pickle: the codec class comes from the other module; the client is handed in.
const backend = (codec: string) => ({
  path: 'kvcache/backend.py',
  text: `from kvcache.codecs import ${codec}


class Backend:
    codec = ${codec}()

    def __init__(self, client):
        self._reader = self._writer = client

    def get(self, key):
        return self.codec.loads(self._reader.get(key))

    def get_many(self, keys):
        return [self.codec.loads(v) for v in self._reader.mget(keys)]

    def add(self, key, value, ttl):
        if self._writer.setnx(key, self.codec.dumps(value)):
            self._writer.expire(key, ttl)
`,
});

function pickleLines(file: { path: string; text: string }): number[] {
  const workspace = buildWorkspaceIndex(parsers, [CODECS, file]);
  const result = reviewSource(parsers, file.text, { path: file.path, language: 'python', workspace });
  return result.findings.filter((f) => f.ruleId === 'pickle-deserialization').map((f) => f.span.start.line + 1);
}

describe('pickling serializer classes across modules', () => {
  it('names the classes whose loads unpickles, inherited ones included, and not those that override it', () => {
    expect(picklingClassesIn(CODECS.text)).toEqual(['Codec', 'RedisCodec']);
  });

  it('reports loads of a class attribute holding an imported pickling serializer, on replies of a client aliased in a chained assignment', () => {
    expect(pickleLines(backend('RedisCodec'))).toEqual([11, 14]);
  });

  it('stays quiet for an imported serializer that does not pickle', () => {
    expect(pickleLines(backend('JsonCodec'))).toEqual([]);
  });
});
