/**
 * Bounded reads of key values: strings by prefix (GETRANGE) with an explicit "load all", and collections page
 * by page (HSCAN/SSCAN/ZSCAN, ZRANGE by rank, LRANGE) — never HGETALL/SMEMBERS on a key of unknown size.
 */
import { LIMITS, type CollectionItem, type CollectionPage, type CollectionPageParams, type StringValue } from '../../shared/protocol';
import type { RedisClient } from '../client';
import { hasHashFieldExpiry, readFieldTtls } from './hashFieldTtl';
import { fromWire, toWire } from './wireBytes';

/** Cut bytes for display at a UTF-8 character boundary so text stays text. */
export function clip(bytes: Buffer, limit: number): Buffer {
  if (bytes.length <= limit) return bytes;
  let end = limit;
  // Step back over continuation bytes (10xxxxxx) so a multi-byte character is not split.
  while (end > 0 && end > limit - 3 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

export class ValueTooLargeError extends Error {}

export async function readString(client: RedisClient, key: Buffer, all: boolean): Promise<StringValue> {
  const totalBytes = (await client.callBuffer('STRLEN', key)) as number;
  if (all && totalBytes > LIMITS.maxLoadAllBytes) {
    throw new ValueTooLargeError(
      `The value is ${totalBytes} bytes; loading more than ${LIMITS.maxLoadAllBytes} bytes into the view is refused. Export it to a file instead.`,
    );
  }
  const limit = all ? totalBytes : Math.min(totalBytes, LIMITS.stringPreviewBytes);
  const bytes = limit === 0 ? Buffer.alloc(0) : ((await client.callBuffer('GETRANGE', key, '0', String(limit - 1))) as Buffer);
  const shown = limit < totalBytes ? clip(bytes, limit) : bytes;
  return { value: toWire(shown), totalBytes, truncated: shown.length < totalBytes };
}

/** The full value of one hash field, bounded like a string. */
export async function readHashField(client: RedisClient, key: Buffer, field: Buffer): Promise<StringValue> {
  const totalBytes = (await client.callBuffer('HSTRLEN', key, field)) as number;
  if (totalBytes > LIMITS.maxLoadAllBytes) {
    throw new ValueTooLargeError(`The field is ${totalBytes} bytes; export the key to a file instead.`);
  }
  const bytes = (await client.callBuffer('HGET', key, field)) as Buffer | null;
  return { value: toWire(bytes ?? Buffer.alloc(0)), totalBytes, truncated: false };
}

function cell(bytes: Buffer): { wire: string; fullBytes?: number } {
  if (bytes.length <= LIMITS.cellPreviewBytes) return { wire: toWire(bytes) };
  return { wire: toWire(clip(bytes, LIMITS.cellPreviewBytes)), fullBytes: bytes.length };
}

/** RESP2 replies come flat [a, b, a, b]; RESP3 ones (e.g. ZRANGE WITHSCORES) as [[a, b], ...]. */
export function toPairs(reply: unknown[]): Array<[Buffer, Buffer]> {
  if (reply.length > 0 && Array.isArray(reply[0])) return reply as Array<[Buffer, Buffer]>;
  const pairs: Array<[Buffer, Buffer]> = [];
  for (let index = 0; index + 1 < reply.length; index += 2) pairs.push([reply[index] as Buffer, reply[index + 1] as Buffer]);
  return pairs;
}

function scoreText(score: Buffer | number): string {
  return typeof score === 'number' ? String(score) : score.toString();
}

async function scanPage(client: RedisClient, command: string, params: CollectionPageParams, key: Buffer) {
  const args: Array<string | Buffer> = [key, params.cursor];
  if (params.match) args.push('MATCH', params.match);
  args.push('COUNT', String(params.count));
  const [cursor, elements] = (await client.callBuffer(command, ...args)) as [Buffer, Buffer[]];
  const next = cursor.toString();
  return { elements, nextCursor: next === '0' ? null : next };
}

export async function readCollection(client: RedisClient, params: CollectionPageParams): Promise<CollectionPage> {
  const key = fromWire(params.key);
  const cursor = params.cursor;
  switch (params.type) {
    case 'hash': {
      const page = await scanPage(client, 'HSCAN', params, key);
      const pairs = toPairs(page.elements);
      const fieldTtls = await hasHashFieldExpiry(client);
      const ttls = fieldTtls ? await readFieldTtls(client, key, pairs.map(([field]) => field)) : undefined;
      const items = pairs.map(([field, value], index): CollectionItem => {
        const shown = cell(value);
        return { item: toWire(field), value: shown.wire, ...(shown.fullBytes ? { fullBytes: shown.fullBytes } : {}), ...(ttls ? { ttlMs: ttls[index] } : {}) };
      });
      return { items, nextCursor: page.nextCursor, ...(ttls ? { fieldTtls: true } : {}) };
    }
    case 'set': {
      const page = await scanPage(client, 'SSCAN', params, key);
      return { items: page.elements.map((member) => ({ item: toWire(member) })), nextCursor: page.nextCursor };
    }
    case 'zset': {
      if (params.match) {
        const page = await scanPage(client, 'ZSCAN', params, key);
        const items = toPairs(page.elements).map(([member, score]) => ({ item: toWire(member), score: scoreText(score) }));
        return { items, nextCursor: page.nextCursor };
      }
      // Without a filter, page by rank so members come in score order.
      const start = Number(cursor);
      const reply = (await client.callBuffer('ZRANGE', key, String(start), String(start + params.count - 1), 'WITHSCORES')) as unknown[];
      const items = toPairs(reply).map(([member, score], offset) => ({ item: toWire(member), score: scoreText(score), index: start + offset }));
      return { items, nextCursor: items.length < params.count ? null : String(start + items.length) };
    }
    case 'list': {
      const start = Number(cursor);
      const reply = (await client.callBuffer('LRANGE', key, String(start), String(start + params.count - 1))) as Buffer[];
      const items = reply.map((element, offset) => {
        const shown = cell(element);
        return { item: shown.wire, index: start + offset, ...(shown.fullBytes ? { fullBytes: shown.fullBytes } : {}) };
      });
      return { items, nextCursor: items.length < params.count ? null : String(start + items.length) };
    }
  }
}
