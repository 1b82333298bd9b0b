/** Binary-safe transport of keys and values: text stays readable, anything else round-trips through base64. */
import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../../../src/redis/browse/wireBytes';
import { clip, toPairs } from '../../../../src/redis/browse/readValue';
import { openKeyArgument } from '../../../../src/extension/instance/openKeyArgument';

describe('wire bytes', () => {
  it.each([
    ['ascii', Buffer.from('user:1')],
    ['utf-8', Buffer.from('clé:😀')],
    ['invalid utf-8', Buffer.from([0x62, 0xff, 0x00, 0xfe])],
    ['a lone continuation byte', Buffer.from([0x80])],
    ['a BOM', Buffer.from([0xef, 0xbb, 0xbf, 0x61])],
    ['empty', Buffer.alloc(0)],
  ])('round-trips %s exactly', (_what, bytes) => {
    expect(fromWire(toWire(bytes)).equals(bytes)).toBe(true);
  });

  it('sends text as text and binary as base64', () => {
    expect(toWire(Buffer.from('user:1'))).toBe('tuser:1');
    expect(toWire(Buffer.from([0xff]))).toBe('b/w==');
  });

  it('clips at a character boundary so text stays text', () => {
    const text = Buffer.from('aé'); // 61 c3 a9
    expect(clip(text, 2).toString()).toBe('a');
    expect(clip(text, 3).equals(text)).toBe(true);
  });

  it('reads flat RESP2 and nested RESP3 pair replies alike', () => {
    const a = Buffer.from('a');
    const one = Buffer.from('1');
    expect(toPairs([a, one])).toEqual([[a, one]]);
    expect(toPairs([[a, one]])).toEqual([[a, one]]);
  });
});

describe('openKeyArgument', () => {
  it('accepts a text key, a base64 key and raw bytes', () => {
    expect(openKeyArgument({ connectionId: 'c', key: 'user:1' })).toEqual({ connectionId: 'c', key: 'tuser:1' });
    expect(openKeyArgument({ connectionId: 'c', keyBase64: Buffer.from([0xff]).toString('base64') })).toEqual({ connectionId: 'c', key: 'b/w==' });
    expect(openKeyArgument({ connectionId: 'c', key: '/w==', keyBase64: true })).toEqual({ connectionId: 'c', key: 'b/w==' });
    expect(openKeyArgument({ connectionId: 'c', key: new Uint8Array([0x61]) })).toEqual({ connectionId: 'c', key: 'ta' });
  });

  it('refuses arguments without a connection or key', () => {
    expect(openKeyArgument(undefined)).toBeUndefined();
    expect(openKeyArgument({ key: 'x' })).toBeUndefined();
    expect(openKeyArgument({ connectionId: 'c' })).toBeUndefined();
  });
});
