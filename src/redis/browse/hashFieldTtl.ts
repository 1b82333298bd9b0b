/**
 * Hash field expiry (Redis 7.4+): whether the server has it — asked once per client through COMMAND INFO, since
 * Valkey 8 reports redis_version 7.2.4 and forks may add or drop commands — and the TTLs of a page of fields
 * in one HPTTL call (one round trip per page, never one per field).
 */
import type { RedisClient } from '../client';
import { isReadOnlyRefusal } from '../readOnlyGuard';

const support = new WeakMap<RedisClient, Promise<boolean>>();

/** True when the server knows HEXPIRE (and with it HPTTL/HPERSIST). Cached per client. */
export function hasHashFieldExpiry(client: RedisClient): Promise<boolean> {
  let known = support.get(client);
  if (!known) {
    known = (client.call('COMMAND', 'INFO', 'hexpire') as Promise<unknown>)
      .then((reply) => Array.isArray(reply) && Array.isArray(reply[0]))
      .catch(() => {
        // A failed probe (connection lost, COMMAND denied) is asked again next time, not cached as "no".
        support.delete(client);
        return false;
      });
    support.set(client, known);
  }
  return known;
}

/**
 * TTL in ms per field, in order: -1 no TTL, -2 no such field (it expired or was removed since the page was read).
 * Undefined when a read-only connection's guard does not know HPTTL (its command table predates 7.4): the
 * values still show, without the TTL column, rather than failing the whole page.
 */
export async function readFieldTtls(client: RedisClient, key: Buffer, fields: Buffer[]): Promise<number[] | undefined> {
  if (fields.length === 0) return [];
  let reply: unknown;
  try {
    reply = await client.callBuffer('HPTTL', key, 'FIELDS', String(fields.length), ...fields);
  } catch (error) {
    if (isReadOnlyRefusal(error)) return undefined;
    throw error;
  }
  // The key itself is gone: HPTTL answers an empty array (7.4) or nil; every field is then gone too.
  if (!Array.isArray(reply) || reply.length !== fields.length) return fields.map(() => -2);
  return reply.map((ttl) => Number(ttl));
}
