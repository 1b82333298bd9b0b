/**
 * set-then-expire on Go: a SETNX without a TTL followed by a separate EXPIRE of a key that is no lock (a rate
 * limiter's first write, go-redis `SetNX(ctx, k, v, 0)` or redigo `Do("SETNX", k, v)`) leaves a key that never
 * expires when the process dies in between. Tricky negatives: the same pair on a lock key (lock-without-expiry's),
 * and a go-redis SetNX given its TTL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(rule: string, text: string): number[] {
  return reviewSource(parsers, text, { path: 'limit/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1);
}

const GO_REDIS = 'package limit\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Store struct {\n\tclient *redis.Client\n\tprefix string\n}\n\n';
const REDIGO = 'package limit\n\nimport "github.com/gomodule/redigo/redis"\n\ntype Store struct {\n\tpool *redis.Pool\n\tprefix string\n}\n\n';

describe('Go set-then-expire: SETNX then EXPIRE', () => {
  it('reports a go-redis SetNX with expiration 0 of a rate-limit key followed by EXPIRE', () => {
    const text = GO_REDIS + 'func (s *Store) SetIfNotExistsWithTTL(ctx context.Context, key string, value int64, ttl time.Duration) (bool, error) {\n\tkey = s.prefix + key\n\tupdated, err := s.client.SetNX(ctx, key, value, 0).Result()\n\tif err != nil {\n\t\treturn false, err\n\t}\n\treturn updated, s.client.Expire(ctx, key, ttl).Err()\n}\n';
    expect(lines('set-then-expire', text)).toEqual([17]);
  });

  it('reports a redigo SETNX followed by EXPIRE on the same connection', () => {
    const text = REDIGO + 'func (s *Store) SetIfNotExists(key string, value int64, seconds int) (bool, error) {\n\tconn := s.pool.Get()\n\tdefer conn.Close()\n\tv, err := redis.Int64(conn.Do("SETNX", s.prefix+key, value))\n\tif err != nil {\n\t\treturn false, err\n\t}\n\t_, err = conn.Do("EXPIRE", s.prefix+key, seconds)\n\treturn v == 1, err\n}\n';
    expect(lines('set-then-expire', text)).toEqual([13]);
  });

  it('leaves a lock\'s SETNX then EXPIRE to lock-without-expiry, and a SetNX with its TTL alone', () => {
    const lock = GO_REDIS + 'func (s *Store) Lock(ctx context.Context, name string, ttl time.Duration) (bool, error) {\n\tkey := "lock:" + name\n\tok, err := s.client.SetNX(ctx, key, 1, 0).Result()\n\tif err != nil || !ok {\n\t\treturn false, err\n\t}\n\treturn true, s.client.Expire(ctx, key, ttl).Err()\n}\n';
    expect(lines('set-then-expire', lock)).toEqual([]);
    expect(lines('lock-without-expiry', lock)).toEqual([17]);
    const withTtl = GO_REDIS + 'func (s *Store) Mark(ctx context.Context, key string, ttl time.Duration) error {\n\tif err := s.client.SetNX(ctx, key, 1, ttl).Err(); err != nil {\n\t\treturn err\n\t}\n\treturn s.client.Expire(ctx, key, ttl).Err()\n}\n';
    expect(lines('set-then-expire', withTtl)).toEqual([]);
  });
});
