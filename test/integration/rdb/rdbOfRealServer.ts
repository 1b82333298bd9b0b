/** Helpers for RDB tests: SAVE on a real server and return the file, parse a file into per-key facts. */
import type Redis from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RdbParser } from '../../../src/core/rdb/rdbParser';
import { estimateKeyMemory, serverShapeFromVersion, valkeyShape } from '../../../src/core/rdb/sizeModel';
import { quantumFromMallocStats, type AllocatorQuantum } from '../../../src/core/rdb/allocator';
import type { RdbKeyFacts } from '../../../src/core/rdb/types';

/** SAVE, then read the dump the server wrote (its dir + dbfilename). Waits for a snapshot child still running
 *  (a replication transfer that just ended), which SAVE would refuse with "Background save already in progress". */
export async function saveAndRead(client: Redis): Promise<Buffer> {
  const deadline = Date.now() + 30_000;
  while (/rdb_bgsave_in_progress:1/.test(String(await client.call('INFO', 'persistence'))) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await client.call('SAVE');
  const [, dir] = (await client.call('CONFIG', 'GET', 'dir')) as string[];
  const [, name] = (await client.call('CONFIG', 'GET', 'dbfilename')) as string[];
  return readFileSync(join(dir, name));
}

export interface ParsedKey {
  facts: RdbKeyFacts;
  estimate: number;
  encoding: string;
}

/** The server's jemalloc quantum, as MEMORY MALLOC-STATS states it (a test server always says). */
export async function serverQuantum(client: Redis): Promise<AllocatorQuantum> {
  const quantum = quantumFromMallocStats(String(await client.call('MEMORY', 'MALLOC-STATS')));
  if (!quantum) throw new Error('MEMORY MALLOC-STATS did not state the quantum');
  return quantum;
}

/** Parse a whole file in chunks of `chunkSize`, copying each key's facts and its size estimate. */
export function parseAll(data: Uint8Array, chunkSize = 65536, allocatorQuantum: AllocatorQuantum = 8): { keys: Map<string, ParsedKey>; aux: Record<string, string>; parser: RdbParser } {
  const keys = new Map<string, ParsedKey>();
  const aux: Record<string, string> = {};
  const parser = new RdbParser({
    key(facts) {
      const copy: RdbKeyFacts = { ...facts, key: facts.key.slice(), stream: { ...facts.stream } };
      const shape = aux['valkey-ver'] ? valkeyShape(allocatorQuantum) : serverShapeFromVersion(aux['redis-ver'], allocatorQuantum);
      const estimate = estimateKeyMemory(copy, shape);
      keys.set(Buffer.from(copy.key).toString('latin1'), { facts: copy, estimate: estimate.bytes, encoding: estimate.encoding });
    },
    aux(name, value) {
      aux[name] = value;
    },
  }, { allocatorQuantum });
  for (let i = 0; i < data.length; i += chunkSize) parser.push(data.subarray(i, i + chunkSize));
  parser.end();
  return { keys, aux, parser };
}
