/** cache-write-without-ttl on keys named for what they hold, written by a function that says it fills a cache. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function ttlLines(text: string, path = 'src/store.ts', language: 'typescript' | 'python' = 'typescript'): number[] {
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === 'cache-write-without-ttl')
    .map((f) => f.span.start.line + 1);
}

const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('cache-write-without-ttl in functions that fill a cache', () => {
  it('reports TTL-less SETs of a profile key in a function named for caching, also from a callback inside it', () => {
    const text = `${TS}
export const storeInCache = (rows: { id: string }[] | { id: string }) => {
  if (Array.isArray(rows)) {
    rows.forEach((row) => redis.set(\`profile:\${row.id}\`, JSON.stringify(row)));
  } else {
    redis.set(\`profile:\${rows.id}\`, JSON.stringify(rows));
  }
};
`;
    expect(ttlLines(text)).toEqual([7, 9]);
  });

  it('reports it in Python too', () => {
    const text = 'import json\nimport redis\n\nr = redis.Redis()\n\n\ndef cache_order(order):\n    r.set(f"order:{order.id}", json.dumps(order))\n';
    expect(ttlLines(text, 'app/orders.py', 'python')).toEqual([8]);
  });

  it('leaves the same write with a TTL, and writes of functions that clear, check or read the cache', () => {
    const withTtl = `${TS}
export async function cacheProfile(id: string, body: string) {
  await redis.set(\`profile:\${id}\`, body, 'EX', 600);
}
`;
    expect(ttlLines(withTtl)).toEqual([]);
    // A version marker bumped to invalidate entries, a flag a lookup sets: no cache entry of their own.
    const clearing = `${TS}
export async function invalidateCache(scope: string) {
  await redis.set(\`version:\${scope}\`, Date.now().toString());
}

export async function getCachedProfile(id: string) {
  await redis.set(\`lookups:\${id}\`, '1');
  return redis.get(\`profile:\${id}\`);
}
`;
    expect(ttlLines(clearing)).toEqual([]);
  });

  it('leaves a named key written by a function that does not speak of caching', () => {
    const text = `${TS}
export async function saveProfile(id: string, body: string) {
  await redis.set(\`profile:\${id}\`, body);
}
`;
    expect(ttlLines(text)).toEqual([]);
  });
});
