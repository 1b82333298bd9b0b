/** The webview's view of wire bytes: readable display of binary, editing round-trips, hex dumps. */
import { describe, expect, it } from 'vitest';
import { bytesToWire, displayText, escapedToWire, hexDump, wireToBytes } from '../../../webview/wire';
import { formatBytes, formatTtl } from '../../../webview/format';

describe('webview wire helpers', () => {
  it('shows binary bytes escaped like redis-cli and parses them back', () => {
    const wire = bytesToWire(new Uint8Array([0x61, 0xff, 0x00, 0x5c]));
    expect(displayText(wire)).toBe('a\\xff\\x00\\\\');
    expect(escapedToWire(displayText(wire))).toBe(wire);
  });

  it('keeps text as text and encodes non-ASCII text as UTF-8 when escapes are present', () => {
    expect(displayText('thello')).toBe('hello');
    expect(escapedToWire('plain')).toBe('tplain');
    expect(Array.from(wireToBytes(escapedToWire('é\\x01')))).toEqual([0xc3, 0xa9, 0x01]);
  });

  it('dumps hex with offsets and an ASCII column', () => {
    const dump = hexDump(new TextEncoder().encode('Hello, Redis!\n\x00\x01abc'));
    expect(dump.split('\n')[0]).toBe('00000000  48 65 6c 6c 6f 2c 20 52 65 64 69 73 21 0a 00 01  Hello, Redis!...');
    expect(dump.split('\n')[1].startsWith('00000010  61 62 63')).toBe(true);
  });

  it('formats sizes and TTLs', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50.0 MB');
    expect(formatTtl(-1)).toBe('No limit');
    expect(formatTtl(90_000)).toBe('1m 30s');
  });
});
