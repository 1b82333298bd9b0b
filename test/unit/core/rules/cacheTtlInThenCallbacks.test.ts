/** cache-write-without-ttl on a cache SET whose promise continues with an EXPIRE of the same key. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const HEADER = "import Redis from 'ioredis';\nconst client = new Redis();\nclient.on('error', console.error);\n\n";

function ttlLines(body: string): number[] {
  return findingLines.inFile('cache-write-without-ttl', { path: 'src/services/pageCache.js', text: HEADER + body });
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
