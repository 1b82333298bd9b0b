/** Parses the argument of redisReview.openKey: {connectionId, key} with the key as text, base64 or bytes. */
import type { WireBytes } from '../../shared/protocol';
import { toWire } from '../../redis/browse/wireBytes';

export interface OpenKeyTarget {
  connectionId: string;
  key: WireBytes;
}

/**
 * Accepts `{connectionId, key}` where key is a string (text), `{connectionId, key, keyBase64: true}` /
 * `{connectionId, keyBase64: "<base64>"}` for binary keys, or key as a Uint8Array/Buffer.
 */
export function openKeyArgument(argument: unknown): OpenKeyTarget | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { connectionId, key, keyBase64, base64 } = argument as Record<string, unknown>;
  if (typeof connectionId !== 'string' || connectionId === '') return undefined;
  if (typeof keyBase64 === 'string') return { connectionId, key: toWire(Buffer.from(keyBase64, 'base64')) };
  if (key instanceof Uint8Array) return { connectionId, key: toWire(Buffer.from(key)) };
  if (typeof key !== 'string') return undefined;
  if (keyBase64 === true || base64 === true) return { connectionId, key: toWire(Buffer.from(key, 'base64')) };
  return { connectionId, key: toWire(Buffer.from(key, 'utf8')) };
}
