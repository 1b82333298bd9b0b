/**
 * The parser and the size model against real servers: every type × encoding × size range is filled, measured
 * with MEMORY USAGE SAMPLES 0, saved, parsed; types, encodings and lengths must match the server exactly, sizes
 * within the bounds (per key ±10 % for ≥ 95 % of keys, per type ±3 %). Debian's redis-server 7.0 always;
 * more builds (Redis 7.4, Valkey 8 from ../shared/vendor) with RDB_TEST_SERVER_BINS=/path/redis-server,/path/valkey-server.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_SERVER, startStandalone, type Standalone } from '../../helpers/redisServers';
import { fillEveryEncoding, FILL_CASES, serverFacts, type ServerKeyFacts } from './everyEncoding';
import { parseAll, saveAndRead, type ParsedKey } from './rdbOfRealServer';

const BINARIES = [REDIS_SERVER, ...(process.env.RDB_TEST_SERVER_BINS?.split(',').filter(Boolean) ?? [])];

describe.each(BINARIES)('RDB of %s', (binary) => {
  let server: Standalone;
  let client: Redis;
  let names: string[];
  let truth: Map<string, ServerKeyFacts>;
  let parsed: Map<string, ParsedKey>;
  let aux: Record<string, string>;

  beforeAll(async () => {
    server = await startStandalone({ binary });
    client = new Redis({ port: server.port, host: '127.0.0.1', protocol: 2 } as never);
    names = await fillEveryEncoding(client);
    truth = await serverFacts(client, names);
    const data = await saveAndRead(client);
    ({ keys: parsed, aux } = parseAll(data, 4093));
  }, 300_000);

  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('reports every key with the type, encoding, length and TTL the server reports', () => {
    expect(aux['redis-ver']).toMatch(/^\d+\.\d+\./);
    expect([...parsed.keys()].sort()).toEqual([...names].sort());
    for (const name of names) {
      const server = truth.get(name)!;
      const key = parsed.get(name)!;
      expect({ name, type: key.facts.type, encoding: key.encoding, length: key.facts.length }).toEqual({
        name, type: server.type, encoding: server.encoding, length: server.length,
      });
      expect(key.facts.expiresAtMs >= 0, name).toBe(server.ttlMs >= 0);
    }
  });

  it('estimates MEMORY USAGE per key within ±10 % for at least 95 % of keys, and every type total within ±3 %', () => {
    const byCase = new Map<string, { keys: number; within: number; worst: number; server: number; model: number }>();
    const byType = new Map<string, { server: number; model: number }>();
    let within = 0;
    for (const name of names) {
      const actual = truth.get(name)!.memory;
      const model = parsed.get(name)!.estimate;
      const error = (model - actual) / actual;
      const caseName = name.split(':')[1];
      const row = byCase.get(caseName) ?? { keys: 0, within: 0, worst: 0, server: 0, model: 0 };
      row.keys++;
      if (Math.abs(error) <= 0.1) row.within++, within++;
      if (Math.abs(error) > Math.abs(row.worst)) row.worst = error;
      row.server += actual;
      row.model += model;
      byCase.set(caseName, row);
      const type = truth.get(name)!.type;
      const totals = byType.get(type) ?? { server: 0, model: 0 };
      totals.server += actual;
      totals.model += model;
      byType.set(type, totals);
    }
    // The calibration table, for whoever tunes the model.
    console.log([...byCase.entries()].map(([name, r]) =>
      `${name.padEnd(18)} keys ${String(r.keys).padStart(3)}  within ±10% ${String(r.within).padStart(3)}  total ${((r.model / r.server - 1) * 100).toFixed(2).padStart(6)} %  worst ${(r.worst * 100).toFixed(1).padStart(6)} %`).join('\n'));
    console.log([...byType.entries()].map(([type, t]) => `${type.padEnd(8)} server ${t.server}  model ${t.model}  ${((t.model / t.server - 1) * 100).toFixed(2)} %`).join('\n'));
    expect(within / names.length).toBeGreaterThanOrEqual(0.95);
    for (const [type, totals] of byType) expect(Math.abs(totals.model / totals.server - 1), type).toBeLessThanOrEqual(0.03);
    expect(FILL_CASES.every((c) => byCase.has(c.name))).toBe(true);
  });
});
