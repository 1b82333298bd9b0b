/** WireBytes in the browser: display text (binary shown escaped like redis-cli), raw bytes, hex dumps, and text → wire. */
import { displayKey, parseDisplayedKey } from '../src/core/keys/keyBytes';
import type { WireBytes } from '../src/shared/protocol';

export function isBinary(wire: WireBytes): boolean {
  return wire.startsWith('b');
}

export function wireToBytes(wire: WireBytes): Uint8Array {
  if (!isBinary(wire)) return new TextEncoder().encode(wire.slice(1));
  const binary = atob(wire.slice(1));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Text for display: UTF-8 text as is, binary with printable ASCII kept and other bytes as \xNN. */
export function displayText(wire: WireBytes, maxChars = Infinity): string {
  if (!isBinary(wire)) return wire.length - 1 > maxChars ? wire.slice(1, maxChars + 1) : wire.slice(1);
  const bytes = wireToBytes(wire);
  let out = '';
  for (let index = 0; index < bytes.length && out.length < maxChars; index++) {
    const byte = bytes[index];
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : byte === 0x5c ? '\\\\' : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** A key name as every surface shows it (core displayKey: the Connections tree and the analysis use the same). */
export function displayKeyName(wire: WireBytes, maxChars = Infinity): string {
  const shown = displayKey(wireToBytes(wire));
  return shown.length > maxChars ? `${shown.slice(0, maxChars)}…` : shown;
}

/** The inverse of displayKeyName for a name the user typed or edited (escapes become their bytes). */
export function keyNameToWire(text: string): WireBytes {
  const bytes = parseDisplayedKey(text);
  try {
    return textToWire(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
  } catch {
    return bytesToWire(bytes);
  }
}

export function textToWire(text: string): WireBytes {
  return 't' + text;
}

export function bytesToWire(bytes: Uint8Array): WireBytes {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return 'b' + btoa(binary);
}

/** Parse "\xNN"-escaped text (what displayText shows for binary) back into bytes, so binary values round-trip through editing. */
export function escapedToWire(text: string): WireBytes {
  if (!/\\x[0-9a-fA-F]{2}|\\\\/.test(text)) return textToWire(text);
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let index = 0; index < text.length; ) {
    if (text[index] === '\\' && text[index + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 2, index + 4))) {
      bytes.push(parseInt(text.slice(index + 2, index + 4), 16));
      index += 4;
    } else if (text[index] === '\\' && text[index + 1] === '\\') {
      bytes.push(0x5c);
      index += 2;
    } else {
      const codePoint = text.codePointAt(index)!;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...encoder.encode(char));
      index += char.length;
    }
  }
  return bytesToWire(new Uint8Array(bytes));
}

/** Classic 16-bytes-per-line hex dump with an ASCII column. */
export function hexDump(bytes: Uint8Array, maxBytes = 64 * 1024): string {
  const lines: string[] = [];
  const end = Math.min(bytes.length, maxBytes);
  for (let offset = 0; offset < end; offset += 16) {
    const row = bytes.subarray(offset, Math.min(offset + 16, end));
    const hex = Array.from(row, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
  }
  if (bytes.length > end) lines.push(`… ${bytes.length - end} more bytes`);
  return lines.join('\n');
}
