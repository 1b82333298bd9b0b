/**
 * Key names are attacker-controlled bytes: each report format must show them without acting on them — no raw
 * terminal control sequences in text, no live HTML or broken code spans in Markdown — and JSON must carry names
 * that are not UTF-8 losslessly.
 */
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { keyFromBase64 } from '../../../../src/core/keys/keyBytes';
import { keyNameFields } from '../../../../src/core/memory/keyRecordName';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { toJsonText, toMarkdown, toText } from '../../../../src/core/memory/reportFormats';
import type { MemoryReport } from '../../../../src/core/memory/types';

const ESC = '\u001b';
const HOSTILE_NAMES: Uint8Array[] = [
  Buffer.from(`evil:${ESC}]0;pwned${'\u0007'}${ESC}[2J${ESC}[31mred`),
  Buffer.from('evil:<script>alert(1)</script>'),
  Buffer.from('evil:``tick`s|pipe<img src=x onerror=alert(2)>'),
  Buffer.from('evil:line\nbreak\u009b31m'),
  Uint8Array.from([0x62, 0x69, 0x6e, 0x3a, 0xff, 0xfe, 0x00, 0x1b, 0x5b]),
  Buffer.from('evil:**bold** [link](javascript:alert(3))'),
];

function hostileReport(): MemoryReport {
  const collector = new MemoryCollector();
  HOSTILE_NAMES.forEach((bytes, i) => {
    collector.add({ ...keyNameFields(bytes), type: 'string', encoding: 'raw', ttlMs: -1, memoryBytes: 1000 + i, length: 10 }, 'n');
  });
  const examples = HOSTILE_NAMES.map((bytes) => keyNameFields(bytes).key);
  return {
    ...collector.build(),
    recommendations: [{ id: 'big-keys', severity: 'warning', title: 'Big keys', evidence: `biggest: ${examples.join(', ')}`, action: 'split them', examples }],
    durationMs: 1,
  };
}

describe('hostile key names', () => {
  it('never reach the terminal as control characters', () => {
    const text = toText(hostileReport());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('\\x1b]0;pwned\\x07');
    expect(text).toContain('evil:line\\nbreak\\u009b31m');
  });

  it('render as text in Markdown: no HTML element, no link, code spans intact', async () => {
    const markdown = toMarkdown(hostileReport());
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const html = await marked.parse(markdown, { gfm: true });
    expect(html).not.toMatch(/<script|<img|<a /i);
    // The names are still readable (escaped) in the rendered page.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<code>evil:``tick`s|pipe&lt;img src=x onerror=alert(2)&gt;</code>');
    expect(html).toContain('**bold** [link](javascript:alert(3))');
  });

  it('travel through JSON losslessly, with base64 for names that are not UTF-8', () => {
    const json = toJsonText(hostileReport());
    // Raw controls only as JSON escapes (\u001b, \u009b), never as the characters themselves.
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const report = JSON.parse(json) as { topKeysByMemory: Array<{ key: string; keyBase64?: string }> };
    const recovered = report.topKeysByMemory.map((k) => (k.keyBase64 !== undefined ? Buffer.from(keyFromBase64(k.keyBase64)) : Buffer.from(k.key, 'utf8')));
    expect(recovered.map((b) => b.toString('hex')).sort()).toEqual(HOSTILE_NAMES.map((b) => Buffer.from(b).toString('hex')).sort());
    const binary = report.topKeysByMemory.find((k) => k.keyBase64);
    expect(binary?.key).toBe('bin:\\xff\\xfe\\x00\\x1b[');
    expect(json).not.toContain('\ufffd');
  });
});
