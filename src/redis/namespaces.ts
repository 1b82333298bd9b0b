/**
 * Binary-safe key listing with SCAN MATCH <prefix>* in pages, per master node in a Cluster, with a cursor
 * that can be carried by a "Load more…" tree node. A failing node reports its error; the others keep going.
 */
import type { Redis } from 'ioredis';
import { prefixPattern } from '../core/keys/keyBytes';
import { isCluster, type RedisClient } from './client';

/** Per node ("host:port") SCAN cursor; a node missing from the map is finished. */
export type ScanCursor = Record<string, string>;

export interface NodeScanError {
  node: string;
  message: string;
}

export interface KeyPage {
  keys: Buffer[];
  /** Undefined when every node is finished. */
  next?: ScanCursor;
  errors: NodeScanError[];
}

export interface ScanOptions {
  /** Key prefix as bytes (empty for all keys). */
  prefix?: Uint8Array;
  /** Raw MATCH pattern (bytes) instead of a prefix, for user filters like "user:*:session". */
  match?: Uint8Array;
  /** Keys to collect before returning (a page can be a little larger). */
  pageSize?: number;
  /** COUNT hint per SCAN call. */
  count?: number;
  cursor?: ScanCursor;
  /** Stop after this many SCAN calls per node per page, so a sparse pattern cannot stall the UI. */
  maxCallsPerNode?: number;
}

/**
 * The node clients a listing scans: every master that owns slots in a cluster (undefined when the slot map
 * names a master the client cannot reach), or the client itself.
 */
export function scanTargets(client: RedisClient): Map<string, Redis | undefined> {
  if (!isCluster(client)) return new Map([['', client]]);
  const pool = new Map(client.nodes('all').map((node) => [`${node.options.host}:${node.options.port}`, node]));
  const targets = new Map<string, Redis | undefined>();
  for (const owners of client.slots) if (owners?.[0] && !targets.has(owners[0])) targets.set(owners[0], pool.get(owners[0]));
  // Before the first slot map arrives, fall back to the masters the pool knows.
  if (targets.size === 0) for (const node of client.nodes('master')) targets.set(`${node.options.host}:${node.options.port}`, node);
  return targets;
}

/** "0-5460" for the slots a cluster node key owns in the client's slot map. */
function slotsOf(client: RedisClient, nodeKey: string): string {
  if (!isCluster(client)) return '';
  const ranges: string[] = [];
  let start = -1;
  for (let slot = 0; slot <= client.slots.length; slot++) {
    const owned = client.slots[slot]?.[0] === nodeKey;
    if (owned && start < 0) start = slot;
    if (!owned && start >= 0) {
      ranges.push(start === slot - 1 ? String(start) : `${start}-${slot - 1}`);
      start = -1;
    }
  }
  return ranges.join(', ');
}

/** One page of keys under `prefix` (or matching `match`). Start with no cursor; pass `next` back for more. */
export async function scanKeyPage(client: RedisClient, options: ScanOptions = {}): Promise<KeyPage> {
  const pattern = Buffer.from(options.match ?? prefixPattern(options.prefix ?? new Uint8Array()));
  const pageSize = options.pageSize ?? 500;
  const count = options.count ?? 1000;
  const maxCalls = options.maxCallsPerNode ?? 50;
  const targets = scanTargets(client);
  const cursor: ScanCursor = options.cursor ?? Object.fromEntries([...targets.keys()].map((k) => [k, '0']));
  const nodes = Object.keys(cursor);
  const perNode = Math.max(1, Math.ceil(pageSize / Math.max(1, nodes.length)));
  const errors: NodeScanError[] = [];
  const next: ScanCursor = {};
  const results = await Promise.all(
    nodes.map(async (nodeKey) => {
      const node = targets.get(nodeKey);
      if (!node) {
        const slots = slotsOf(client, nodeKey);
        errors.push({
          node: nodeKey,
          message: targets.has(nodeKey)
            ? `${nodeKey} is unreachable: keys in slots ${slots || '?'} are not listed until it is back or a replica takes over`
            : `${nodeKey} is no longer a master; refresh to list keys from the new master`,
        });
        return [] as Buffer[];
      }
      const keys: Buffer[] = [];
      let position = cursor[nodeKey];
      let calls = 0;
      try {
        do {
          // callBuffer keeps the MATCH pattern and the keys as raw bytes (the typed scanBuffer wants a string pattern).
          const [nextPosition, batch] = (await node.callBuffer('SCAN', position, 'MATCH', pattern, 'COUNT', count)) as [Buffer, Buffer[]];
          position = String(nextPosition);
          keys.push(...batch);
          calls++;
        } while (position !== '0' && keys.length < perNode && calls < maxCalls);
        if (position !== '0') next[nodeKey] = position;
      } catch (error) {
        errors.push({ node: nodeKey || 'server', message: (error as Error).message });
      }
      return keys;
    }),
  );
  return { keys: results.flat(), next: Object.keys(next).length ? next : undefined, errors };
}

/** Every key under a prefix, page after page (for exact namespace counts and tests; use with care on big databases). */
export async function* scanAllKeys(client: RedisClient, options: Omit<ScanOptions, 'cursor'> = {}): AsyncGenerator<KeyPage> {
  let cursor: ScanCursor | undefined;
  do {
    const page = await scanKeyPage(client, { ...options, cursor });
    yield page;
    cursor = page.next;
  } while (cursor);
}

export type KeyType = 'string' | 'list' | 'set' | 'zset' | 'hash' | 'stream' | 'none' | string;

export interface KeyMeta {
  key: Buffer;
  type: KeyType;
  /** Milliseconds to live; -1 without expiry; -2 when the key vanished meanwhile. */
  pttl: number;
  /** Why TYPE/PTTL failed for this key (e.g. an ACL user without access to it); type is then "unknown". */
  error?: string;
}

/** TYPE and PTTL for a page of keys (sent together, so one round trip per node). */
export async function keyMetadata(client: RedisClient, keys: Buffer[]): Promise<KeyMeta[]> {
  return Promise.all(
    keys.map(async (key): Promise<KeyMeta> => {
      try {
        const [type, pttl] = await Promise.all([client.type(key), client.pttl(key)]);
        return { key, type, pttl };
      } catch (error) {
        // One inaccessible key (ACL key patterns) must not hide the rest of the page.
        return { key, type: 'unknown', pttl: -1, error: (error as Error).message };
      }
    }),
  );
}
