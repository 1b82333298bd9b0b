/**
 * A snapshot read over the replication protocol by a consumer slower than the transfer (a loaded machine, a busy
 * parser): the bytes that queue up meanwhile (past the megabyte at which the socket pauses) are handed out in
 * order, each once, through both payload framings; the parse then completes and its CRC64 matches.
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RdbParser } from '../../../src/core/rdb/rdbParser';
import { openReplicationSnapshot } from '../../../src/redis/rdb/replicationSnapshot';
import { startStandalone, type Standalone } from '../../helpers/redisServers';

const servers: Standalone[] = [];
/** By framing: the diskless server first, then the disk-based one (whichever of the two started first). */
let byFraming: Standalone[] = [];
/** Incompressible values (LZF would shrink repeated text): about 3 MB of payload. */
const BIG_VALUES = 12;
const SMALL_KEYS = 2000;

async function seeded(diskless: boolean): Promise<Standalone> {
  const server = await startStandalone({ args: ['--repl-diskless-sync', diskless ? 'yes' : 'no', '--repl-diskless-sync-delay', '0'] });
  servers.push(server);
  const client = new Redis({ port: server.port, host: '127.0.0.1' });
  for (let i = 0; i < BIG_VALUES; i++) await client.set(`blob:${i}`, randomBytes(256 * 1024));
  await client.mset(Object.fromEntries(Array.from({ length: SMALL_KEYS }, (_, i) => [`user:${i}`, `value-${i}`])));
  client.disconnect();
  return server;
}

beforeAll(async () => {
  byFraming = await Promise.all([seeded(true), seeded(false)]);
}, 120_000);

afterAll(async () => {
  for (const server of servers) await server.stop();
});

describe('openReplicationSnapshot with a consumer slower than the transfer', () => {
  for (const [framing, index] of [['diskless ($EOF mark)', 0], ['disk-based ($length)', 1]] as const) {
    it(`${framing}: every byte arrives once and in order, and the parse completes with a matching checksum`, async () => {
      const server = byFraming[index];
      const snapshot = await openReplicationSnapshot({ host: '127.0.0.1', port: server.port });
      let keys = 0;
      const parser = new RdbParser({ key: () => void keys++ });
      let chunks = 0;
      try {
        for await (const chunk of snapshot.chunks) {
          // Stall on the first chunks: the server keeps sending, and what arrives queues up behind them.
          if (chunks++ < 3) await new Promise((resolve) => setTimeout(resolve, 150));
          parser.push(chunk);
          if (parser.done) break;
        }
        parser.end();
        expect(await snapshot.confirmEnd(parser.trailing)).toBe(true);
      } finally {
        snapshot.close();
      }
      expect(snapshot.framing.kind).toBe(index === 0 ? 'eof-mark' : 'length');
      expect(parser.done).toBe(true);
      expect(keys).toBe(BIG_VALUES + SMALL_KEYS);
      expect(chunks).toBeGreaterThan(3);
    });
  }
});
