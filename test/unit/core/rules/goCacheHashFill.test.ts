/**
 * cache-write-without-ttl on Go: a cache-aside fill of a whole hash (HSET of the key and one slice of field/value
 * pairs built from the database rows, in a function named for the cache) leaves the cached hash without a TTL.
 * Tricky negatives: one field written into the hash on an update, the same fill when the file gives the hash a TTL,
 * and a fill in a function that says nothing of a cache.
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
  return reviewSource(parsers, text, { path: 'social/friends.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'cache-write-without-ttl')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package social\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb *redis.Client\n\ntype Friend struct{ ID, Since int64 }\n\n';

function fill(name: string, after = ''): string {
  return `func ${name}(ctx context.Context, user string, friends []Friend) error {\n\tpairs := make([]string, 0, len(friends)*2)\n\tfor _, f := range friends {\n\t\tpairs = append(pairs, fmt.Sprint(f.ID), fmt.Sprint(f.Since))\n\t}\n\tif err := rdb.HSet(ctx, "friends:"+user, pairs).Err(); err != nil {\n\t\treturn err\n\t}\n${after}\treturn nil\n}\n\n`;
}

const ONE = 'func AddFriendToCache(ctx context.Context, user, friend string) error {\n\treturn rdb.HSet(ctx, "friends:"+user, friend, time.Now().Unix()).Err()\n}\n';

describe('Go cache-write-without-ttl: a cache-aside hash fill', () => {
  it('reports the fill of a whole hash in a function named for the cache, not the one-field update', () => {
    expect(noTtlLines(HEAD + fill('WriteFriendsToCache') + ONE)).toEqual([20]);
  });

  it('leaves the fill alone when the hash is given a TTL, or when nothing says cache', () => {
    expect(noTtlLines(HEAD + fill('WriteFriendsToCache', '\trdb.Expire(ctx, "friends:"+user, time.Hour)\n'))).toEqual([]);
    expect(noTtlLines(HEAD + fill('SaveFriends'))).toEqual([]);
  });
});
