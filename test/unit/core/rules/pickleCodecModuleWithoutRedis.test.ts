/**
 * pickle-deserialization through a serializer class of a module that never names Redis (a project's serializers.py):
 * the workspace index records its unpickling classes although the module is not analysed.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const SERIALIZERS = {
  path: 'app/serializers.py',
  text: 'import json\nimport pickle\n\n\nclass Codec:\n    def dumps(self, value):\n        return pickle.dumps(value)\n\n    def loads(self, blob):\n        return pickle.loads(blob)\n\n\nclass JsonCodec:\n    def loads(self, blob):\n        return json.loads(blob)\n',
};

function pickleLines(cache: string): number[] {
  return findingLines.inWorkspace('pickle-deserialization', [SERIALIZERS, { path: 'app/cache.py', text: cache }], 1);
}

describe('a pickling serializer class from a module that never names Redis', () => {
  it('reports its loads on a Redis read, through a module instance and a self attribute', () => {
    const cache = 'import redis\nfrom app.serializers import Codec\n\nr = redis.Redis()\ncodec = Codec()\n\n\ndef get(key):\n    raw = r.get(key)\n    return codec.loads(raw) if raw else None\n\n\nclass Store:\n    def __init__(self):\n        self.codec = Codec()\n\n    def read(self, field):\n        return self.codec.loads(r.hget("store", field))\n';
    expect(pickleLines(cache)).toEqual([10, 18]);
  });

  it('leaves a JSON codec of the same module alone', () => {
    const cache = 'import redis\nfrom app.serializers import JsonCodec\n\nr = redis.Redis()\ncodec = JsonCodec()\n\n\ndef get(key):\n    return codec.loads(r.get(key))\n';
    expect(pickleLines(cache)).toEqual([]);
  });
});
