/**
 * A key's whole value for copy/export: strings as their raw bytes, collections and streams as JSON (text
 * elements as strings, binary ones as {"base64": ...}). Reads page by page so the server never serves one
 * huge reply; a cap on elements keeps the extension host's memory bounded.
 */
import type { RedisClient } from '../client';
import { ValueTooLargeError, toPairs } from './readValue';

const MAX_ELEMENTS = 2_000_000;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function jsonValue(bytes: Buffer): string | { base64: string } {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return { base64: bytes.toString('base64') };
  }
}

async function scanAll(client: RedisClient, command: string, key: Buffer): Promise<Buffer[]> {
  const out: Buffer[] = [];
  let cursor = '0';
  do {
    const [next, elements] = (await client.callBuffer(command, key, cursor, 'COUNT', '1000')) as [Buffer, Buffer[]];
    out.push(...elements);
    cursor = next.toString();
    if (out.length > MAX_ELEMENTS) throw new ValueTooLargeError(`More than ${MAX_ELEMENTS / 2} elements: too large to export here.`);
  } while (cursor !== '0');
  return out;
}

async function rangeAll(client: RedisClient, read: (start: number, stop: number) => Promise<unknown[]>): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let start = 0; ; start += 1000) {
    const page = await read(start, start + 999);
    out.push(...page);
    if (page.length < 1000) return out;
    if (out.length > MAX_ELEMENTS) throw new ValueTooLargeError('Too many elements to export here.');
  }
}

export interface ExportedValue {
  type: string;
  /** Raw bytes for strings; UTF-8 JSON for everything else. */
  bytes: Buffer;
  isJson: boolean;
}

export async function exportValue(client: RedisClient, key: Buffer, asJson = false): Promise<ExportedValue> {
  const type = String(await client.callBuffer('TYPE', key));
  const json = (value: unknown): ExportedValue => ({ type, bytes: Buffer.from(JSON.stringify(value, null, 2), 'utf8'), isJson: true });
  switch (type) {
    case 'string': {
      const bytes = ((await client.callBuffer('GET', key)) as Buffer | null) ?? Buffer.alloc(0);
      return asJson ? json(jsonValue(bytes)) : { type, bytes, isJson: false };
    }
    case 'hash':
      return json(Object.fromEntries(toPairs(await scanAll(client, 'HSCAN', key)).map(([field, value]) => [field.toString('utf8'), jsonValue(value)])));
    case 'set':
      return json((await scanAll(client, 'SSCAN', key)).map(jsonValue));
    case 'zset':
      return json(
        toPairs(await rangeAll(client, (a, b) => client.callBuffer('ZRANGE', key, String(a), String(b), 'WITHSCORES') as Promise<unknown[]>)).map(
          ([member, score]) => ({ member: jsonValue(member), score: Number(String(score)) }),
        ),
      );
    case 'list':
      return json((await rangeAll(client, (a, b) => client.callBuffer('LRANGE', key, String(a), String(b)) as Promise<Buffer[]>)).map((e) => jsonValue(e as Buffer)));
    case 'stream': {
      const entries = (await client.callBuffer('XRANGE', key, '-', '+', 'COUNT', String(MAX_ELEMENTS))) as Array<[Buffer, Buffer[]]>;
      return json(entries.map(([id, fields]) => ({ id: id.toString(), fields: toPairs(fields).map(([f, v]) => [jsonValue(f), jsonValue(v)]) })));
    }
    case 'none':
      throw new Error('The key no longer exists.');
    default:
      throw new Error(`Exporting a ${type} value is not supported.`);
  }
}
