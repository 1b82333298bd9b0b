/** cache-write-without-ttl on a cache SET whose promise continues with an EXPIRE of the same key. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const HEADER = "import Redis from 'ioredis';\nconst client = new Redis();\nclient.on('error', console.error);\n\n";

function ttlLines(body: string): number[] {
  return reviewSource(parsers, HEADER + body, { path: 'src/services/pageCache.js', language: 'javascript' })
    .findings.filter((f) => f.ruleId === 'cache-write-without-ttl')
    .map((f) => f.span.start.line + 1);
}

describe('cache-write-without-ttl and an EXPIRE in a then() callback of the write', () => {
  it('leaves out a cache SET whose then() callback expires the same key (function or arrow)', () => {
    expect(ttlLines("export function remember(id, page, seconds) {\n  const cacheKey = 'cache:page:' + id;\n  return client.set(cacheKey, page).then(function () {\n    return client.expire(cacheKey, seconds);\n  });\n}\n")).toEqual([]);
    expect(ttlLines("export function remember(id, page) {\n  const cacheKey = 'cache:page:' + id;\n  client.set(cacheKey, page).then(() => client.expire(cacheKey, 600));\n}\n")).toEqual([]);
  });

  it('still reports a cache SET whose then() expires another key, or only logs', () => {
    expect(ttlLines("export function remember(id, page) {\n  const cacheKey = 'cache:page:' + id;\n  return client.set(cacheKey, page).then(() => client.expire('cache:index', 600));\n}\n")).toEqual([7]);
    expect(ttlLines("export function remember(id, page) {\n  const cacheKey = 'cache:page:' + id;\n  return client.set(cacheKey, page).then(() => console.log('cached', id));\n}\n")).toEqual([7]);
  });
});
