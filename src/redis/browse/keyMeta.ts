/**
 * Metadata (type, TTL, memory, length) for the keys a user can see — never the whole keyspace.
 * Commands are issued together and travel pipelined on each node's connection (ioredis writes without waiting
 * for replies; a Cluster client routes each key to its node), so 100 visible rows cost two round trips.
 */
import type { KeyMeta } from '../../shared/protocol';
import type { RedisClient } from '../client';
import { toWire } from './wireBytes';

const LENGTH_COMMAND: Record<string, string> = {
  string: 'STRLEN',
  hash: 'HLEN',
  list: 'LLEN',
  set: 'SCARD',
  zset: 'ZCARD',
  stream: 'XLEN',
};

/** A failed command (ACL NOPERM, key vanished, module type) becomes null instead of failing the whole batch. */
function settle<T>(promise: Promise<T>): Promise<T | null> {
  return promise.then(
    (value) => value,
    () => null,
  );
}

export async function keyMeta(client: RedisClient, keys: Buffer[]): Promise<KeyMeta[]> {
  const first = await Promise.all(
    keys.map((key) =>
      Promise.all([
        settle(client.callBuffer('TYPE', key) as Promise<Buffer>),
        settle(client.callBuffer('PTTL', key) as Promise<number>),
        // SAMPLES 5 (the default) keeps MEMORY USAGE O(1) on huge collections.
        settle(client.callBuffer('MEMORY', 'USAGE', key, 'SAMPLES', '5') as Promise<number | null>),
      ]),
    ),
  );
  const types = first.map(([type]) => (type ? type.toString() : 'none'));
  const lengths = await Promise.all(
    keys.map((key, index) => {
      const command = LENGTH_COMMAND[types[index]];
      return command ? settle(client.callBuffer(command, key) as Promise<number>) : Promise.resolve(null);
    }),
  );
  return keys.map((key, index) => ({
    key: toWire(key),
    type: types[index],
    ttlMs: typeof first[index][1] === 'number' ? first[index][1] : -2,
    memory: typeof first[index][2] === 'number' ? first[index][2] : null,
    length: typeof lengths[index] === 'number' ? lengths[index] : null,
  }));
}
