/**
 * The name fields of a KeyRecord from the raw key bytes. Decoding with replacement would turn "\xff" into U+FFFD,
 * so two different keys could look alike and the JSON report could not name the key; invalid UTF-8 is shown
 * with escapes instead and the exact bytes ride along in base64.
 */
import { displayKey, keyToBase64 } from '../keys/keyBytes';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function keyNameFields(bytes: Uint8Array): { key: string; keyBase64?: string } {
  try {
    return { key: strictUtf8.decode(bytes) };
  } catch {
    return { key: displayKey(bytes), keyBase64: keyToBase64(bytes) };
  }
}
