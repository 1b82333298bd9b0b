import { describe, expect, it } from 'vitest';
import { KeyInput } from '../../../../src/core/memory/keyInput';
import { isIdentifierBytes, KeyByteSplitter } from '../../../../src/core/memory/keyNameBytes';
import { isIdentifierSegment, sortDelimiters, splitKey } from '../../../../src/core/memory/keyNamePattern';
import { DEFAULT_COLLECTOR_OPTIONS, MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { DEFAULT_NAMESPACE_OPTIONS } from '../../../../src/core/memory/namespaceTree';
import { TopList } from '../../../../src/core/memory/topKeys';
import type { KeyRecord } from '../../../../src/core/memory/types';
import { seededRandom as random } from '../../../helpers/seededRandom';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Segments that sit on the identifier rules' edges: numbers, hex runs, tokens, emails, words, punctuation. */
function segments(count: number): string[] {
  const rnd = random(7);
  const alphabets = ['0123456789', '0123456789abcdef', 'abcdefghijklmnopqrstuvwxyz', 'ABCDEF0123456789-', '0123456789.-', 'ab1_-+=/@', 'xyz. !#'];
  const out = ['', '-', '.', '1.', '.5', '-1.5', '--1', '1.2.3', '0', 'user', 'v2'];
  for (let i = 0; i < count; i++) {
    const alphabet = alphabets[Math.floor(rnd() * alphabets.length)];
    const length = Math.floor(rnd() * 24);
    let text = '';
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    out.push(text);
  }
  return out;
}

/** Key names of namespaces, identifiers and leaves joined by every delimiter the cases below configure. */
function keyNames(count: number): string[] {
  const rnd = random(11);
  const parts = [...segments(60), 'cache', 'page', 'session', 'profile', 'feed', 'a', 'b'];
  const joints = [':', '::', ':::', '/', '.', '|'];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = parts[Math.floor(rnd() * parts.length)];
    const levels = Math.floor(rnd() * 7);
    for (let j = 0; j < levels; j++) name += joints[Math.floor(rnd() * joints.length)] + parts[Math.floor(rnd() * parts.length)];
    names.push(name);
  }
  return names;
}

const DELIMITER_SETS = [[':'], [':', '::'], ['/', '.'], [':', 'é'], ['|', ':::', '.']];

describe('key names as bytes (the RDB analysis path)', () => {
  it('classifies identifier segments as isIdentifierSegment does', () => {
    const all = segments(20_000);
    const fromBytes = all.map((segment) => isIdentifierBytes(ascii(`[${segment}]`), 1, segment.length + 1));
    expect(fromBytes).toEqual(all.map(isIdentifierSegment));
  });

  it('classifies every printable character as isIdentifierSegment does, alone and inside numbers, hex runs and tokens', () => {
    const all: string[] = [];
    for (let code = 0x20; code <= 0x7e; code++) {
      const c = String.fromCharCode(code);
      for (const shape of [c, c.repeat(8), `12345${c}`, `1${c}2`, `abcdef0${c}`, `${c}abcdefghijklmnopqrstu`, `-${c}`, `${c}.5`]) all.push(shape);
    }
    const fromBytes = all.map((segment) => isIdentifierBytes(ascii(`[${segment}]`), 1, segment.length + 1));
    expect(fromBytes).toEqual(all.map(isIdentifierSegment));
  });

  it('cuts names where splitKey cuts them, longest delimiter first', () => {
    const names = keyNames(2_000);
    for (const delimiters of DELIMITER_SETS) {
      const sorted = sortDelimiters(delimiters);
      const splitter = new KeyByteSplitter(sorted, 3);
      const normalized = (segment: string) => (isIdentifierSegment(segment) ? '*' : segment);
      const fromBytes = names.map((name) => {
        splitter.split(ascii(name));
        const kept = [...Array(Math.min(3, splitter.prefixCount)).keys()];
        return {
          prefixes: splitter.prefixCount,
          prefix: kept.map((i) => normalized(name.slice(splitter.starts[i], splitter.ends[i]))),
          delimiters: kept.map((i) => splitter.delimiters[splitter.delimiterAfter[i]]),
          leaf: normalized(name.slice(splitter.leafStart)),
        };
      });
      const fromText = names.map((name) => {
        const split = splitKey(name, sorted, true);
        return { prefixes: split.prefix.length, prefix: split.prefix.slice(0, 3), delimiters: split.delimiters.slice(0, 3), leaf: split.leaf };
      });
      expect(fromBytes, delimiters.join(' ')).toEqual(fromText);
    }
  });

  it('classifies the segments it cuts (in the same pass with one delimiter) as isIdentifierSegment does', () => {
    const names = [...keyNames(2_000), ...segments(2_000).map((segment) => `${segment}:${segment}`)];
    for (const delimiters of DELIMITER_SETS) {
      const sorted = sortDelimiters(delimiters);
      const splitter = new KeyByteSplitter(sorted, 3);
      for (const name of names) {
        splitter.split(ascii(name));
        // Where it cuts is checked against splitKey above; here, what it says of each piece.
        const kept = [...Array(Math.min(3, splitter.prefixCount)).keys()];
        const identifiers = kept.map((i) => splitter.identifier[i] === 1);
        expect(identifiers, `${name} (${delimiters.join(' ')})`).toEqual(kept.map((i) => isIdentifierSegment(name.slice(splitter.starts[i], splitter.ends[i]))));
        expect(splitter.leafIsIdentifier, `${name} (${delimiters.join(' ')})`).toBe(isIdentifierSegment(name.slice(splitter.leafStart)));
      }
    }
  });

  it('builds the same report from plain name bytes as from the name strings', () => {
    const rnd = random(3);
    const names = keyNames(1_500);
    for (const delimiters of DELIMITER_SETS) {
      for (const shape of [{ maxDepth: 4, maxChildren: 200 }, { maxDepth: 2, maxChildren: 3 }, { maxDepth: 0, maxChildren: 5 }]) {
        const options = { ...DEFAULT_COLLECTOR_OPTIONS, topKeys: 5, namespaces: { ...DEFAULT_NAMESPACE_OPTIONS, ...shape, delimiters, topKeysPerNamespace: 2 } };
        const fromStrings = new MemoryCollector(options);
        const fromBytes = new MemoryCollector(options);
        const input = new KeyInput();
        names.forEach((name, i) => {
          // Few distinct sizes and lengths, so ties are broken by name in every top list.
          const record: KeyRecord = {
            key: name, type: i % 3 ? 'string' : 'hash', encoding: i % 5 ? 'embstr' : 'raw', ttlMs: i % 4 ? -1 : 1000 * i,
            memoryBytes: 50 + 8 * Math.floor(rnd() * 4), length: Math.floor(rnd() * 3), lfuFrequency: i % 7,
          };
          const node = i % 2 ? 'n1' : 'n2';
          fromStrings.add(record, node);
          input.setPlainName(ascii(name));
          Object.assign(input, { type: record.type, encoding: record.encoding, ttlMs: record.ttlMs, memoryBytes: record.memoryBytes, length: record.length, lfuFrequency: record.lfuFrequency });
          fromBytes.addKey(input, node);
        });
        expect(JSON.stringify(fromBytes.build()), `${delimiters} ${JSON.stringify(shape)}`).toBe(JSON.stringify(fromStrings.build()));
        expect(JSON.stringify(fromBytes.snapshot())).toBe(JSON.stringify(fromStrings.snapshot()));
      }
    }
  });

  it('admits into a top list exactly the keys an offer would keep', () => {
    const rnd = random(5);
    const names = keyNames(400);
    const everyOffer = new TopList<{ key: string }>(4);
    const admitted = new TopList<{ key: string }>(4);
    const input = new KeyInput();
    for (const name of names) {
      const score = Math.floor(rnd() * 6);
      everyOffer.offer(score, { key: name });
      if (admitted.admits(score, input.setPlainName(ascii(name)))) admitted.offer(score, { key: name });
    }
    expect(admitted.entries()).toEqual(everyOffer.entries());
  });

  it('compares a plain name with another as strings compare', () => {
    const input = new KeyInput();
    for (const [a, b] of [['ab', 'abc'], ['abc', 'ab'], ['a', 'a'], ['B', 'a'], ['', 'x'], ['x~', 'x\u00e9']]) {
      expect(input.setPlainName(ascii(a)).keyBefore(b), `${a} < ${b}`).toBe(a < b);
    }
  });
});
