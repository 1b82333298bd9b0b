/**
 * Go lock-without-expiry: taking over an expired lock with GETSET (the old SETNX + GETSET recipe) replaces the value
 * and drops the key's TTL, so the lock has none until a separate EXPIRE, and none at all if the holder dies first.
 * Tricky negatives: GETSET of a counter outside any lock, and SETNX with an expiration.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lockLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'locks/locks.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'lock-without-expiry')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package locks\n\nimport (\n\t"context"\n\t"strconv"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Locker struct{ rdb *redis.Client }\n\n';

describe('Go lock-without-expiry: GETSET takeover of an expired lock', () => {
  it('reports the GETSET that takes over the lock, not the SETNX that carries a TTL', () => {
    const text = HEAD + 'func (l *Locker) Acquire(ctx context.Context, key string, until int64, ttl time.Duration) bool {\n\tif ok, _ := l.rdb.SetNX(ctx, key, until, ttl).Result(); ok {\n\t\treturn true\n\t}\n\tprev, _ := l.rdb.GetSet(ctx, key, until).Result()\n\tif old, _ := strconv.ParseInt(prev, 10, 64); old < time.Now().UnixNano() {\n\t\tl.rdb.Expire(ctx, key, ttl)\n\t\treturn true\n\t}\n\treturn false\n}\n';
    // The function is named for locking (Acquire has no "lock"): the key names it.
    expect(lockLines(text.replace(/Acquire/, 'Lock'))).toEqual([17]);
  });

  it('leaves GETSET of a counter in a function that takes no lock alone', () => {
    const text = HEAD + 'func (l *Locker) ResetHits(ctx context.Context) (string, error) {\n\treturn l.rdb.GetSet(ctx, "hits", 0).Result()\n}\n';
    expect(lockLines(text)).toEqual([]);
  });
});
