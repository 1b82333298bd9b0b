/**
 * The parser and the size model against real servers: every type × encoding × size range is filled, measured
 * with MEMORY USAGE SAMPLES 0, saved, parsed; types, encodings and lengths must match the server exactly, sizes
 * within the bounds (per key ±10 % for ≥ 95 % of keys, per type ±3 %), on Debian's redis-server 7.0 (the
 * system jemalloc, 16-byte quantum) and, where they are built, Redis 7.4 and Valkey 8 from the vendored sources
 * (their own jemalloc, 8-byte quantum; Valkey keeps keys in its dict entries).
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { availableBuilds, REDIS_7_0, REDIS_7_4, VALKEY_8 } from '../../helpers/serverBuilds';
import { fillEveryEncoding, FILL_CASES, serverFacts, type ServerKeyFacts } from './everyEncoding';
import { parseAll, saveAndRead, serverQuantum, type ParsedKey } from './rdbOfRealServer';

const BINARIES = availableBuilds([REDIS_7_0, REDIS_7_4, VALKEY_8], 'the RDB size model').map((build) => build.server);

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
    ({ keys: parsed, aux } = parseAll(data, 4093, await serverQuantum(client)));
  }, 300_000);

  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('reports every key with the type, encoding, length and TTL the server reports', () => {
    expect(aux['redis-ver'] ?? aux['valkey-ver']).toMatch(/^\d+\.\d+\./);
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
