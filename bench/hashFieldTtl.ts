/**
 * What the hash viewer's TTL column costs on Redis 7.4: a page of fields read as the viewer reads it (HSCAN, then
 * one HPTTL for the whole page) against the bare HSCAN page, on a 100,000-field hash where every tenth field has a
 * TTL, and against asking each field's TTL in its own call (what one round trip per page avoids). Prints the
 * medians (wall, and server CPU per page) and the ratios; the server is a fresh local one.
 *
 *   npx tsx bench/hashFieldTtl.ts [--pages 200] [--count 200]
 */
import Redis from 'ioredis';
import { readCollection } from '../src/redis/browse/readValue';
import { toWire } from '../src/redis/browse/wireBytes';
import { startStandalone } from '../test/helpers/redisServers';
import { REDIS_7_4 } from '../test/helpers/serverBuilds';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const PAGES = Number(option('--pages', '200'));
const COUNT = Number(option('--count', '200'));
const KEY = 'bench:hash';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function commandUsec(client: Redis, command: string): Promise<number> {
  const line = new RegExp(`^cmdstat_${command}:.*usec=(\\d+)`, 'm').exec(await client.info('commandstats'));
  return line ? Number(line[1]) : 0;
}

async function main(): Promise<void> {
  if (!REDIS_7_4.available) throw new Error(`Redis 7.4 is needed: ${REDIS_7_4.unavailableReason ?? REDIS_7_4.server}`);
  const server = await startStandalone({ binary: REDIS_7_4.server });
  const client = new Redis(server.port, '127.0.0.1');
  try {
    for (let chunk = 0; chunk < 100; chunk++) {
      const fields: string[] = [];
      for (let i = 0; i < 1000; i++) fields.push(`f:${chunk * 1000 + i}`, `value-${i}`);
      await client.hset(KEY, ...fields);
      const expiring = Array.from({ length: 100 }, (_, i) => `f:${chunk * 1000 + i * 10}`);
      await client.call('HEXPIRE', KEY, '86400', 'FIELDS', String(expiring.length), ...expiring);
    }
    const key = toWire(Buffer.from(KEY));
    // Warm-up: the viewer's one-time COMMAND INFO probe is not a per-page cost.
    await readCollection(client, { key, type: 'hash', cursor: '0', match: '', count: COUNT });
    const viewer: number[] = [];
    const bare: number[] = [];
    await client.config('RESETSTAT');
    let cursor = '0';
    for (let page = 0; page < PAGES; page++) {
      // Alternate so load on the machine hits both the same way.
      const t0 = performance.now();
      const result = await readCollection(client, { key, type: 'hash', cursor, match: '', count: COUNT });
      viewer.push(performance.now() - t0);
      const t1 = performance.now();
      await client.hscanBuffer(KEY, cursor, 'COUNT', COUNT);
      bare.push(performance.now() - t1);
      cursor = result.nextCursor ?? '0';
    }
    // Read before the per-field calls below add to the same counters.
    const hscanUsec = await commandUsec(client, 'hscan');
    const hpttlUsec = await commandUsec(client, 'hpttl');
    // The alternative the viewer avoids: one HPTTL call per field of the page (fewer pages: it is slow).
    const perField: number[] = [];
    for (let page = 0; page < Math.max(5, PAGES / 10); page++) {
      const [next, flat] = (await client.hscanBuffer(KEY, cursor, 'COUNT', COUNT)) as unknown as [Buffer, Buffer[]];
      const fields = flat.filter((_, i) => i % 2 === 0);
      const t0 = performance.now();
      for (const field of fields) await client.callBuffer('HPTTL', KEY, 'FIELDS', '1', field);
      perField.push(performance.now() - t0);
      cursor = next.toString();
    }
    console.log(`${PAGES} pages of ${COUNT} fields (100,000-field hash, 10 % with a TTL), Redis 7.4.1`);
    console.log(`  viewer page (HSCAN + one HPTTL): median ${median(viewer).toFixed(2)} ms`);
    console.log(`  bare HSCAN page:                 median ${median(bare).toFixed(2)} ms  (ratio ${(median(viewer) / median(bare)).toFixed(2)})`);
    console.log(`  one HPTTL per field instead:     median ${median(perField).toFixed(2)} ms for the TTLs alone (${(median(perField) / Math.max(0.001, median(viewer) - median(bare))).toFixed(0)}× the one-call TTL read)`);
    console.log(`  server CPU per page: HSCAN ${(hscanUsec / (2 * PAGES)).toFixed(0)} µs, HPTTL ${(hpttlUsec / PAGES).toFixed(0)} µs`);
  } finally {
    client.disconnect();
    await server.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
