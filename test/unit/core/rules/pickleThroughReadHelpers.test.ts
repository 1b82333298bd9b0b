/** pickle-deserialization of the reply of a read helper defined in another module of the project. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const STORE = {
  path: 'shop/storage/kv.py',
  text: [
    'import redis',
    '',
    'r = redis.Redis()',
    '',
    '',
    'def fetch(key):',
    '    return r.get(key)',
    '',
    '',
    'def known(key):',
    '    return r.exists(key)',
    '',
    '',
    'class BasketStore:',
    '    def __init__(self, client):',
    '        self.client = client',
    '',
    '    def raw(self, basket_id):',
    '        return self.client.hget("baskets", basket_id)',
    '',
  ].join('\n'),
};

function pickleLines(file: { path: string; text: string }): number[] {
  const workspace = buildWorkspaceIndex(parsers, [STORE, file]);
  const result = reviewSource(parsers, file.text, { path: file.path, language: 'python', workspace });
  return result.findings.filter((f) => f.ruleId === 'pickle-deserialization').map((f) => f.span.start.line + 1);
}

describe('pickle.loads of what a read helper of another module returns', () => {
  it('reports an imported function, a module function and a method on an instance named after its class', () => {
    const views = {
      path: 'shop/views.py',
      text: [
        'import pickle',
        '',
        'from shop.storage import kv',
        'from shop.storage.kv import fetch, BasketStore',
        '',
        '',
        'def product(pid):',
        '    return pickle.loads(fetch(f"product:{pid}"))',
        '',
        '',
        'def offer(oid):',
        '    blob = kv.fetch(f"offer:{oid}")',
        '    return pickle.loads(blob)',
        '',
        '',
        'class Basket:',
        '    def __init__(self, client):',
        '        self.basket_store = BasketStore(client)',
        '',
        '    def load(self, basket_id):',
        '        return pickle.loads(self.basket_store.raw(basket_id))',
        '',
      ].join('\n'),
    };
    expect(pickleLines(views)).toEqual([8, 13, 21]);
  });

  it('leaves helpers that do not read a value, unknown receivers and local functions alone', () => {
    const other = {
      path: 'shop/other.py',
      text: [
        'import pickle',
        '',
        'from shop.storage.kv import known',
        '',
        '',
        'def fetch(path):',
        '    with open(path, "rb") as handle:',
        '        return handle.read()',
        '',
        '',
        'def flags(key, archive):',
        '    a = pickle.loads(known(key))',
        '    b = pickle.loads(archive.raw(key))',
        '    c = pickle.loads(fetch("snapshot.bin"))',
        '    return a, b, c',
        '',
      ].join('\n'),
    };
    expect(pickleLines(other)).toEqual([]);
  });
});
