/**
 * The namespace tree counts a key of weight 1 in its deepest node only and adds subtrees up when it is read; these
 * tests hold it to the tree that counts every level as keys arrive, on generated keys: sums, types in first-seen
 * order, top lists with ties (equal sizes, the same name twice), folded children, snapshots midway, a switch to
 * fractional weights, and a restored sampled tree.
 */
import { describe, expect, it } from 'vitest';
import { KeyInput } from '../../../../src/core/memory/keyInput';
import { DEFAULT_NAMESPACE_OPTIONS, NamespaceTreeBuilder, type NamespaceTreeOptions } from '../../../../src/core/memory/namespaceTree';
import { seededRandom as random } from '../../../helpers/seededRandom';

interface GeneratedKey { name: string; type: string; memoryBytes: number; ttlMs: number }

/** Names of a few namespaces with identifiers, leaves and unique words; sizes from a handful of values (ties). */
function generatedKeys(count: number, seed: number): GeneratedKey[] {
  const rnd = random(seed);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  // '*' as text names the identifiers' node too.
  const words = ['user', 'session', 'cache', 'page', 'profile', 'feed', 'v2', 'a', 'b', 'views', '*'];
  const keys: GeneratedKey[] = [];
  for (let i = 0; i < count; i++) {
    const levels = Math.floor(rnd() * 6);
    const parts: string[] = [];
    for (let level = 0; level <= levels; level++) {
      const r = rnd();
      parts.push(r < 0.4 ? pick(words) : r < 0.7 ? String(Math.floor(rnd() * 1e6)) : r < 0.85 ? `w${Math.floor(rnd() * 40)}` : `u${i}x`);
    }
    keys.push({
      name: parts.join(pick([':', ':', ':', '/'])),
      type: pick(['string', 'hash', 'list', 'zset']),
      memoryBytes: 48 + 8 * Math.floor(rnd() * 5),
      ttlMs: rnd() < 0.3 ? Math.floor(rnd() * 1e7) : -1,
    });
  }
  // The same names again (another database's keys): equal size and name, told apart by arrival only.
  return [...keys, ...keys.slice(0, count / 10).map((k) => ({ ...k, type: 'set' }))];
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function feed(tree: NamespaceTreeBuilder, keys: GeneratedKey[], weight = 1, plain = true): void {
  const input = new KeyInput();
  for (const k of keys) {
    if (plain) input.setPlainName(ascii(k.name));
    else input.setName(k.name);
    Object.assign(input, { type: k.type, encoding: 'raw', memoryBytes: k.memoryBytes, ttlMs: k.ttlMs, length: 1 });
    tree.addKey(input, weight);
  }
}

const SHAPES: Array<Partial<NamespaceTreeOptions>> = [
  {},
  { maxDepth: 2, maxChildren: 4, topKeysPerNamespace: 2 },
  { maxDepth: 0, maxChildren: 3, topKeysPerNamespace: 3 },
  { delimiters: [':', '/'], maxChildren: 6, topKeysPerNamespace: 1 },
];

describe('namespace tree counting keys in their deepest node', () => {
  it('builds the tree and the snapshot that counting every level gives', () => {
    const keys = generatedKeys(3_000, 1);
    for (const shape of SHAPES) {
      const options = { ...DEFAULT_NAMESPACE_OPTIONS, ...shape };
      for (const plain of [true, false]) {
        const deepest = new NamespaceTreeBuilder(options);
        const everyLevel = new NamespaceTreeBuilder(options, true);
        feed(deepest, keys, 1, plain);
        feed(everyLevel, keys, 1, plain);
        expect(JSON.stringify(deepest.snapshot()), JSON.stringify(shape)).toBe(JSON.stringify(everyLevel.snapshot()));
        expect(JSON.stringify(deepest.build())).toBe(JSON.stringify(everyLevel.build()));
      }
    }
  });

  it('gives the same tree when it is read midway and keys keep coming', () => {
    const keys = generatedKeys(2_000, 2);
    for (const shape of SHAPES) {
      const options = { ...DEFAULT_NAMESPACE_OPTIONS, ...shape };
      const deepest = new NamespaceTreeBuilder(options);
      const everyLevel = new NamespaceTreeBuilder(options, true);
      for (const part of [keys.slice(0, 700), keys.slice(700, 701), keys.slice(701, 1500), keys.slice(1500)]) {
        feed(deepest, part);
        feed(everyLevel, part);
        expect(JSON.stringify(deepest.snapshot()), JSON.stringify(shape)).toBe(JSON.stringify(everyLevel.snapshot()));
      }
      expect(JSON.stringify(deepest.build())).toBe(JSON.stringify(everyLevel.build()));
    }
  });

  it('switches to counting every level at the first fractional weight or size, with the same figures', () => {
    const keys = generatedKeys(2_000, 3);
    const fractionalSize = keys.slice(1500).map((k) => ({ ...k, memoryBytes: k.memoryBytes + 0.1 }));
    for (const [weight, tail] of [[0.7, keys.slice(1500)], [1, fractionalSize]] as const) {
      const deepest = new NamespaceTreeBuilder();
      const everyLevel = new NamespaceTreeBuilder(DEFAULT_NAMESPACE_OPTIONS, true);
      for (const tree of [deepest, everyLevel]) {
        feed(tree, keys.slice(0, 1500));
        feed(tree, tail, weight);
        feed(tree, keys.slice(0, 300));
      }
      expect(JSON.stringify(deepest.snapshot())).toBe(JSON.stringify(everyLevel.snapshot()));
    }
  });

  it('counts keys of more distinct paths than the table of deepest nodes takes as counting every level does', () => {
    // Words with a digit and under five characters are no identifiers: 30,000 paths of their own.
    const keys: GeneratedKey[] = [];
    for (let i = 0; i < 30_000; i++) keys.push({ name: `p${i % 150}a:q${Math.floor(i / 150)}b:${i}`, type: 'string', memoryBytes: 56, ttlMs: -1 });
    const options = { ...DEFAULT_NAMESPACE_OPTIONS, maxChildren: 1000 };
    const deepest = new NamespaceTreeBuilder(options);
    const everyLevel = new NamespaceTreeBuilder(options, true);
    feed(deepest, [...keys, ...keys.slice(0, 5000)]);
    feed(everyLevel, [...keys, ...keys.slice(0, 5000)]);
    expect(JSON.stringify(deepest.snapshot())).toBe(JSON.stringify(everyLevel.snapshot()));
  });

  it('continues a restored tree, whole or fractional, as counting every level would', () => {
    const keys = generatedKeys(2_000, 4);
    for (const weight of [1, 2.5]) {
      const first = new NamespaceTreeBuilder();
      feed(first, keys.slice(0, 1000), weight);
      const deepest = new NamespaceTreeBuilder().restore(first.snapshot());
      const everyLevel = new NamespaceTreeBuilder(DEFAULT_NAMESPACE_OPTIONS, true).restore(first.snapshot());
      feed(deepest, keys.slice(1000));
      feed(everyLevel, keys.slice(1000));
      expect(JSON.stringify(deepest.snapshot()), String(weight)).toBe(JSON.stringify(everyLevel.snapshot()));
    }
  });
});
