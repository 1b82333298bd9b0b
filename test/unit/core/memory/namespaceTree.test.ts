import { describe, expect, it } from 'vitest';
import { flattenNamespaces, NamespaceTreeBuilder } from '../../../../src/core/memory/namespaceTree';
import type { KeyRecord, KeySummary } from '../../../../src/core/memory/types';

function key(name: string, memoryBytes: number, ttlMs = -1, type = 'string'): KeyRecord {
  return { key: name, type, encoding: 'embstr', ttlMs, memoryBytes, length: 1 };
}

function build(records: KeyRecord[], options = {}) {
  const tree = new NamespaceTreeBuilder({ delimiters: [':'], maxDepth: 4, maxChildren: 200, topKeysPerNamespace: 2, ...options });
  for (const record of records) tree.add(record, 1, record as KeySummary);
  return tree.build();
}

describe('namespace tree', () => {
  it('aggregates every prefix level and non-identifier leaves, biggest first', () => {
    const tree = build([
      key('user:1:profile', 100), key('user:2:profile', 300), key('user:1:feed', 50, 1000, 'list'),
      key('session:abc123', 40, 5000), key('session:def456', 60, 5000), key('counter', 8),
    ]);
    const byPattern = Object.fromEntries(flattenNamespaces(tree).map((n) => [n.pattern, n]));
    expect(tree.map((n) => n.pattern)).toEqual(['user:*', 'session:*', 'counter']);
    expect(byPattern['user:*']).toMatchObject({ keys: 3, memoryBytes: 450, averageBytes: 150, keysWithTtl: 1, memoryWithTtl: 50, types: { string: 2, list: 1 } });
    expect(byPattern['user:*'].ttlShare).toBeCloseTo(1 / 3);
    expect(byPattern['user:*:*'].children.map((n) => n.pattern)).toEqual(['user:*:profile', 'user:*:feed']);
    expect(byPattern['user:*:profile']).toMatchObject({ keys: 2, memoryBytes: 400, depth: 3 });
    expect(byPattern['user:*:profile'].topKeys.map((k) => k.key)).toEqual(['user:2:profile', 'user:1:profile']);
    expect(byPattern['session:*']).toMatchObject({ keys: 2, ttlShare: 1, children: [] });
  });

  it('folds children past maxChildren into a * child so unique names cannot explode the tree', () => {
    const tree = build(['a', 'b', 'c', 'd'].map((leaf) => key(`cfg:${leaf}`, 1)), { maxChildren: 2 });
    expect(tree[0].children.map((n) => [n.pattern, n.keys])).toEqual([['cfg:*', 2], ['cfg:a', 1], ['cfg:b', 1]]);
  });

  it('stops at maxDepth and counts deeper keys at the last level', () => {
    const tree = build([key('a:b:c:d:e', 5)], { maxDepth: 2 });
    expect(flattenNamespaces(tree).map((n) => n.pattern)).toEqual(['a:*', 'a:b:*']);
  });

  it('weights keys (sampling) and rounds counts', () => {
    const tree = new NamespaceTreeBuilder();
    const record = key('job:1', 10);
    tree.add(record, 2.5, record);
    tree.add(record, 2.5, record);
    expect(tree.build()[0]).toMatchObject({ keys: 5, memoryBytes: 50, averageBytes: 10 });
  });

  it('lists each namespace\'s types in the order it first saw them, through a snapshot and restore too', () => {
    // Types first seen by the tree in one order (hash, string, list) and by each namespace in another.
    const records = [key('a:1', 1, -1, 'hash'), key('b:1', 1, -1, 'string'), key('b:2', 1, -1, 'list'), key('b:3', 1, -1, 'hash'),
      key('c:1', 1, -1, 'list'), key('c:2', 1, -1, 'string'), key('c:3', 1, -1, 'list'), key('b:4', 1, -1, 'string')];
    const tree = new NamespaceTreeBuilder();
    for (const record of records.slice(0, 5)) tree.add(record, 1, record);
    const restored = new NamespaceTreeBuilder().restore(tree.snapshot());
    for (const builder of [tree, restored]) for (const record of records.slice(5)) builder.add(record, 0.5, record);
    for (const built of [tree.build(), restored.build()]) {
      const types = Object.fromEntries(built.map((n) => [n.pattern, Object.entries(n.types)]));
      expect(types).toEqual({ 'a:*': [['hash', 1]], 'b:*': [['string', 2], ['list', 1], ['hash', 1]], 'c:*': [['list', 2], ['string', 1]] });
    }
    expect(Object.entries(tree.snapshot().children.find(([name]) => name === 'c')![1].types)).toEqual([['list', 1.5], ['string', 0.5]]);
  });
});
