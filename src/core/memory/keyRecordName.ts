/**
 * The name fields of a KeyRecord from the raw key bytes: the name as displayKey shows it everywhere (escapes for
 * control characters and bytes that are not UTF-8, never U+FFFD), and, whenever that display is not the bytes
 * themselves as UTF-8, the exact bytes in base64 so the JSON report still names the key.
 */
import { displayKey, isVerbatimKey, keyToBase64 } from '../keys/keyBytes';

export function keyNameFields(bytes: Uint8Array): { key: string; keyBase64?: string } {
  const key = displayKey(bytes);
  return isVerbatimKey(bytes, key) ? { key } : { key, keyBase64: keyToBase64(bytes) };
}
