/** Byte-exact key display, glob escaping and namespace grouping. */
import { describe, expect, it } from 'vitest';
import { displayKey, escapeGlob, keyFromBase64, keyToBase64, parseDisplayedKey, prefixPattern, utf8 } from '../../../../src/core/keys/keyBytes';
import { groupKeys } from '../../../../src/core/keys/namespaceGrouping';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('key bytes', () => {
  it('shows text as is and other bytes with escapes', () => {
    expect(displayKey(utf8('user:é:1'))).toBe('user:é:1');
    expect(displayKey(Uint8Array.from([0x61, 0x0a, 0xff, 0x00, 0x5c]))).toBe('a\\n\\xff\\x00\\\\');
    expect(displayKey(utf8('tab\there'))).toBe('tab\\there');
  });

  it('parses the displayed form back to the exact bytes', () => {
    for (const bytes of [Uint8Array.from([0x61, 0x0a, 0xff, 0x00, 0x5c]), utf8('user:é:😀\ttab'), Uint8Array.from([0xfe, 0x0d, 0x09])]) {
      expect([...parseDisplayedKey(displayKey(bytes))]).toEqual([...bytes]);
    }
    expect(text(parseDisplayedKey(String.raw`a\\x41`))).toBe(String.raw`a\x41`);
  });

  it('escapes glob characters so a prefix matches itself', () => {
    expect(text(escapeGlob(utf8('a*b?[c]\\')))).toBe('a\\*b\\?\\[c\\]\\\\');
    expect(text(prefixPattern(utf8('user:')))).toBe('user:*');
    expect(text(prefixPattern(new Uint8Array()))).toBe('*');
  });

  it('round-trips any bytes through base64', () => {
    const bytes = Uint8Array.from([0, 255, 10, 58, 128]);
    expect([...keyFromBase64(keyToBase64(bytes))]).toEqual([...bytes]);
  });
});

describe('groupKeys', () => {
  it('groups one level below the prefix and counts', () => {
    const keys = ['user:1:name', 'user:2:name', 'session:9', 'plain', 'user:'].map(utf8);
    const grouping = groupKeys(keys, new Uint8Array(), [utf8(':')]);
    expect([...grouping.namespaces.values()].map((n) => [n.label, n.count, text(n.prefix)])).toEqual([['user', 3, 'user:'], ['session', 1, 'session:']]);
    expect(grouping.leaves.map(text)).toEqual(['plain']);
    const below = groupKeys(keys, utf8('user:'), [utf8(':')]);
    expect([...below.namespaces.values()].map((n) => n.label)).toEqual(['1', '2']);
    expect(below.leaves.map(text)).toEqual(['user:']);
  });

  it('uses the earliest of several delimiters, including multi-byte ones', () => {
    const grouping = groupKeys(['a/b:c', 'a:b/c', 'x::y', 'x::z'].map(utf8), new Uint8Array(), [utf8(':'), utf8('/'), utf8('::')]);
    expect([...grouping.namespaces.values()].map((n) => [n.label, n.count])).toEqual([['a/', 1], ['a:', 1], ['x::', 2]]);
    const second = groupKeys(['x::y'].map(utf8), new Uint8Array(), [utf8('::')]);
    expect(text([...second.namespaces.values()][0].prefix)).toBe('x::');
  });

  it('groups binary keys exactly', () => {
    const a = Uint8Array.from([0xff, 0x3a, 0x01]);
    const b = Uint8Array.from([0xfe, 0x3a, 0x01]);
    const grouping = groupKeys([a, b, a], new Uint8Array(), [utf8(':')]);
    expect([...grouping.namespaces.values()].map((n) => [n.label, n.count])).toEqual([['\\xff', 2], ['\\xfe', 1]]);
  });
});
