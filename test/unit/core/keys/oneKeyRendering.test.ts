/**
 * One rendering of key names everywhere (issue #16, item 4): the Keys tab, the Connections tree, the analysis
 * table and every report format show a name exactly as core's displayKey does — escapes for bytes that are
 * not UTF-8 and for control characters, never NUL or U+FFFD — and what is shown can be typed back.
 */
import { describe, expect, it } from 'vitest';
import { displayKey, parseDisplayedKey } from '../../../../src/core/keys/keyBytes';
import { keyNameFields } from '../../../../src/core/memory/keyRecordName';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { toMarkdown, toText } from '../../../../src/core/memory/reportFormats';
import type { MemoryReport } from '../../../../src/core/memory/types';
import { bytesToWire, displayKeyName, keyNameToWire, wireToBytes } from '../../../../webview/wire';

const NAMES: Array<[Uint8Array, string]> = [
  // The demo's binary key (scripts/seed-demo.ts).
  [Uint8Array.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x00, 0x01]), 'bin:\\xff\\xfe\\x00\\x01'],
  // Valid UTF-8 that holds controls: before, the analysis showed the NUL raw while the Keys tab escaped it.
  [Buffer.from('tmp:\u0000\u0001'), 'tmp:\\x00\\x01'],
  [Buffer.from('evil:\u009b31m\u202egnp.exe'), 'evil:\\u009b31m\\u202egnp.exe'],
  [Buffer.from('path:C:\\temp'), 'path:C:\\\\temp'],
  [Buffer.from('user:é:1'), 'user:é:1'],
];

function reportOf(names: Uint8Array[]): MemoryReport {
  const collector = new MemoryCollector();
  names.forEach((bytes, i) => collector.add({ ...keyNameFields(bytes), type: 'string', encoding: 'raw', ttlMs: -1, memoryBytes: 100 + i, length: 3 }, 'n'));
  return { ...collector.build(), recommendations: [], durationMs: 1 };
}

describe('one rendering of key names', () => {
  it.each(NAMES)('%s is shown the same by the Keys tab, the tree and the analysis', (bytes, shown) => {
    expect(displayKey(bytes)).toBe(shown);
    expect(displayKeyName(bytesToWire(bytes))).toBe(shown);
    expect(keyNameFields(bytes).key).toBe(shown);
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
  });

  it('reads what it shows back to the same bytes (rename, filter)', () => {
    for (const [bytes, shown] of NAMES) {
      expect([...parseDisplayedKey(shown)]).toEqual([...bytes]);
      expect([...wireToBytes(keyNameToWire(shown))]).toEqual([...bytes]);
    }
    expect(keyNameToWire('plain:key')).toBe('tplain:key');
  });

  it('keeps the exact bytes in base64 whenever the shown name is not the name verbatim', () => {
    expect(keyNameFields(Buffer.from('user:é:1')).keyBase64).toBeUndefined();
    for (const [bytes] of NAMES.slice(0, 4)) expect(Buffer.from(keyNameFields(bytes).keyBase64!, 'base64')).toEqual(Buffer.from(bytes));
  });

  it('prints the same escaped names in the text and Markdown reports', () => {
    const report = reportOf(NAMES.map(([bytes]) => bytes));
    const text = toText(report);
    const markdown = toMarkdown(report);
    for (const [, shown] of NAMES) {
      expect(text).toContain(shown);
      expect(markdown).toContain(`\`${shown}\``);
    }
    expect(text + markdown).not.toMatch(/[\u0000\ufffd]/);
  });
});
