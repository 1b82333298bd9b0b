/**
 * Go lock-release-without-ownership: a function that takes a lock with SETNX / SET NX and deletes the same key
 * (usually `defer rdb.Del(ctx, lockKey)`) releases it with a plain DEL whatever the function is called
 * (`safeInitStock`, `refreshCache`): once the TTL has run out another process may hold the lock, and the DEL frees it.
 * Tricky negatives: an idempotency marker taken with SETNX and deleted on failure (no lock in its name), a lock
 * released with a compare-and-delete script, and a DEL of a lock-named key the function never took.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function releaseLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'stock/stock.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'lock-release-without-ownership')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package stock\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Store struct{ rdb *redis.Client }\n\n';

describe('Go lock-release-without-ownership: a lock taken and deleted in one function', () => {
  it('reports the deferred DEL of the key the function took with SetNX', () => {
    const text =
      HEAD +
      'func (s *Store) warmStock(ctx context.Context, id int64) error {\n' +
      '\tlockKey := fmt.Sprintf("lock:warm:%d", id)\n' +
      '\tok, err := s.rdb.SetNX(ctx, lockKey, 1, 10*time.Second).Result()\n' +
      '\tif err != nil || !ok {\n\t\treturn err\n\t}\n' +
      '\tdefer s.rdb.Del(ctx, lockKey)\n' +
      '\treturn s.load(ctx, id)\n}\n\n' +
      'func (s *Store) load(ctx context.Context, id int64) error { return nil }\n';
    expect(releaseLines(text)).toEqual([19]);
  });

  it('reports a DEL after SET NX with an expiry (redigo spelling) in a function not named for locking', () => {
    const text =
      'package jobs\n\nimport "github.com/gomodule/redigo/redis"\n\n' +
      'func rebuild(pool *redis.Pool, name string) error {\n' +
      '\tconn := pool.Get()\n\tdefer conn.Close()\n' +
      '\tmutexKey := "mutex:" + name\n' +
      '\tif _, err := redis.String(conn.Do("SET", mutexKey, "1", "NX", "EX", 30)); err != nil {\n\t\treturn err\n\t}\n' +
      '\t_, err := conn.Do("DEL", mutexKey)\n' +
      '\treturn err\n}\n';
    expect(releaseLines(text)).toEqual([12]);
  });

  it('leaves an idempotency marker deleted on failure alone', () => {
    const text =
      HEAD +
      'func (s *Store) handleOnce(ctx context.Context, msgID string) error {\n' +
      '\tkey := "processed:" + msgID\n' +
      '\tif ok, _ := s.rdb.SetNX(ctx, key, 1, 24*time.Hour).Result(); !ok {\n\t\treturn nil\n\t}\n' +
      '\tif err := s.load(ctx, 1); err != nil {\n\t\ts.rdb.Del(ctx, key)\n\t\treturn err\n\t}\n' +
      '\treturn nil\n}\n\n' +
      'func (s *Store) load(ctx context.Context, id int64) error { return nil }\n';
    expect(releaseLines(text)).toEqual([]);
  });

  it('leaves a compare-and-delete release and a DEL of a lock the function never took alone', () => {
    const text =
      HEAD +
      'var release = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)\n\n' +
      'func (s *Store) warmStock(ctx context.Context, id int64, token string) error {\n' +
      '\tlockKey := fmt.Sprintf("lock:warm:%d", id)\n' +
      '\tif ok, _ := s.rdb.SetNX(ctx, lockKey, token, 10*time.Second).Result(); !ok {\n\t\treturn nil\n\t}\n' +
      '\tdefer release.Run(ctx, s.rdb, []string{lockKey}, token)\n' +
      '\treturn nil\n}\n\n' +
      'func (s *Store) resetStock(ctx context.Context, id int64) error {\n' +
      '\tlockKey := fmt.Sprintf("lock:warm:%d", id)\n' +
      '\treturn s.rdb.Del(ctx, lockKey, fmt.Sprintf("stock:%d", id)).Err()\n}\n';
    expect(releaseLines(text)).toEqual([]);
  });
});
