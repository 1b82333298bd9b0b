/**
 * Proves a client really works on the logical database it was given. ioredis sends SELECT while connecting,
 * but a refused index (`/99` on a 16-database server) is only emitted as an 'error' event and the client
 * carries on in database 0 — reads, analyses and key edits would then silently hit the wrong data.
 */
import type Redis from 'ioredis';
import { isCluster, type RedisClient } from '../client';

/** Throws the server's refusal ("ERR DB index is out of range") when `db` is not available. */
export async function confirmDatabase(client: Redis, db: number | undefined): Promise<void> {
  // Database 0 always exists; asking again would only cost a round trip.
  if (!db) return;
  await client.select(db);
}

/**
 * A second client on database `db` of `base`'s server (standalone or Sentinel), connected and confirmed.
 * Rejects (and closes the client) when the server refuses the database.
 */
export async function openDatabaseClient(base: RedisClient, db: number): Promise<RedisClient> {
  if (isCluster(base)) throw new Error('SELECT is not allowed in cluster mode');
  const client = base.duplicate({ db, lazyConnect: true });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await confirmDatabase(client, db);
    return client;
  } catch (error) {
    client.disconnect();
    throw error;
  }
}
