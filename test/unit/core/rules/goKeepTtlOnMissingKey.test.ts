/**
 * cache-write-without-ttl on Go: SET with KEEPTTL (go-redis expiration -1) in the branch that handles a missing key
 * (`if err == redis.Nil {`) creates the cache entry without a TTL: there is none to keep. Tricky negative: the same
 * KEEPTTL SET updating an entry that exists (after the branch) keeps the TTL the entry has.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function noTtlLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'likes/counts.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'cache-write-without-ttl')
    .map((f) => f.span.start.line + 1);
}

const SRC = 'package likes\n\nimport (\n\t"context"\n\t"strconv"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb *redis.Client\n\n'
  + 'func bumpCachedCount(ctx context.Context, id string, delta int) error {\n'
  + '\tkey := "likes:cache:" + id\n'
  + '\tcur, err := rdb.Get(ctx, key).Result()\n'
  + '\tif err == redis.Nil {\n'
  + '\t\treturn rdb.Set(ctx, key, delta, -1).Err()\n'
  + '\t}\n'
  + '\tn, _ := strconv.Atoi(cur)\n'
  + '\treturn rdb.Set(ctx, key, n+delta, -1).Err()\n'
  + '}\n';

describe('Go cache-write-without-ttl: KEEPTTL on a missing key', () => {
  it('reports the KEEPTTL SET that creates the missing entry, not the one that updates an existing entry', () => {
    expect(noTtlLines(SRC)).toEqual([16]);
  });
});
