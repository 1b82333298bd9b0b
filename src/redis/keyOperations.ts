/** Operations the Connections tree offers on one key; keys are raw bytes so every operation hits the exact key. */
import type { RedisClient } from './client';

/** Remove a key without blocking the server (UNLINK). Resolves to true when the key existed. */
export async function unlinkKey(client: RedisClient, key: Buffer): Promise<boolean> {
  return (await client.unlink(key)) === 1;
}

/** Rename only when the new name is free (RENAMENX), so a rename never silently overwrites another key. */
export async function renameKey(client: RedisClient, key: Buffer, newKey: Buffer): Promise<'renamed' | 'target-exists'> {
  return (await client.renamenx(key, newKey)) === 1 ? 'renamed' : 'target-exists';
}

/** Set a time to live in seconds. Resolves to false when the key no longer exists. */
export async function expireKey(client: RedisClient, key: Buffer, seconds: number): Promise<boolean> {
  if (!Number.isInteger(seconds) || seconds <= 0) throw new RangeError('The TTL is a whole number of seconds > 0');
  return (await client.expire(key, seconds)) === 1;
}

/** Remove the time to live. Resolves to false when the key had none (or no longer exists). */
export async function persistKey(client: RedisClient, key: Buffer): Promise<boolean> {
  return (await client.persist(key)) === 1;
}
