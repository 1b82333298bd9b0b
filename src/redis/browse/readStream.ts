/** Stream pages (newest first, XREVRANGE with an exclusive start) and consumer groups with consumers and pending counts. */
import type { StreamGroup, StreamPage } from '../../shared/protocol';
import type { RedisClient } from '../client';
import { toPairs } from './readValue';
import { toWire } from './wireBytes';

export async function readStream(client: RedisClient, key: Buffer, before: string | null, count: number): Promise<StreamPage> {
  // "(" makes the end exclusive (Redis ≥ 6.2), so pages never repeat their boundary entry.
  const end = before === null ? '+' : `(${before}`;
  const reply = (await client.callBuffer('XREVRANGE', key, end, '-', 'COUNT', String(count))) as Array<[Buffer, unknown[]]>;
  const entries = reply.map(([id, fields]) => ({
    id: id.toString(),
    fields: toPairs(fields ?? []).map(([field, value]): [string, string] => [toWire(field), toWire(value)]),
  }));
  return { entries, nextBefore: entries.length < count ? null : entries[entries.length - 1].id };
}

/** XINFO replies are flat [name, value, ...] lists (RESP2, and RESP3 maps as ioredis hands them over). */
function record(reply: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (reply instanceof Map) {
    for (const [name, value] of reply) map.set(String(name), value);
    return map;
  }
  const flat = reply as unknown[];
  for (let index = 0; index + 1 < flat.length; index += 2) map.set(String(flat[index]), flat[index + 1]);
  return map;
}

const asNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(String(value)));

export async function streamGroups(client: RedisClient, key: Buffer): Promise<StreamGroup[]> {
  const groups = ((await client.callBuffer('XINFO', 'GROUPS', key)) as unknown[]).map(record);
  return Promise.all(
    groups.map(async (group) => {
      const name = String(group.get('name'));
      const consumers = ((await client.callBuffer('XINFO', 'CONSUMERS', key, name)) as unknown[]).map(record);
      return {
        name,
        pending: asNumber(group.get('pending')) ?? 0,
        lastDeliveredId: String(group.get('last-delivered-id') ?? ''),
        lag: asNumber(group.get('lag')),
        entriesRead: asNumber(group.get('entries-read')),
        consumers: consumers.map((consumer) => ({
          name: String(consumer.get('name')),
          pending: asNumber(consumer.get('pending')) ?? 0,
          idleMs: asNumber(consumer.get('idle')) ?? 0,
        })),
      };
    }),
  );
}
