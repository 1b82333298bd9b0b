/** Buffer ⇄ WireBytes ("t" + UTF-8 text when it round-trips exactly, else "b" + base64): keeps keys and values binary-safe. */
import type { WireBytes } from '../../shared/protocol';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function toWire(bytes: Buffer): WireBytes {
  try {
    // fatal decoding rejects invalid sequences; a BOM is kept (ignoreBOM) so the text re-encodes to the same bytes.
    return 't' + strictUtf8.decode(bytes);
  } catch {
    return 'b' + bytes.toString('base64');
  }
}

export function fromWire(wire: WireBytes): Buffer {
  if (wire.startsWith('t')) return Buffer.from(wire.slice(1), 'utf8');
  if (wire.startsWith('b')) return Buffer.from(wire.slice(1), 'base64');
  throw new Error('Not wire bytes');
}

/** Wire form of a text (no byte round-trip needed). */
export function textToWire(text: string): WireBytes {
  return 't' + text;
}
