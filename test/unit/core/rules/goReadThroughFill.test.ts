/**
 * Go cache-write-without-ttl: a read-through fill - GET of a key, then, where the reply says the key is missing
 * (`if len(data) == 0 {`, `if err == redis.Nil {`, or after `if err == nil { return ... }`), a SET of the same key to
 * what the function loaded - is a cache entry whatever the key is called, and without a TTL it never refreshes.
 * A fill with a TTL, a counter initialised to a literal on a miss, a SET of another key and a SET that updates the
 * value read are not reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'handler/area.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'cache-write-without-ttl')
    .map((f) => f.span.start.line + 1);
}

const REDIGO = 'package handler\n\nimport (\n\t"encoding/json"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\nvar Pool *redis.Pool\n\n';
const GOREDIS = 'package handler\n\nimport (\n\t"context"\n\t"encoding/json"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb *redis.Client\n\n';

describe('Go cache-write-without-ttl: read-through fills', () => {
  it('reports a redigo SET in the branch taken when GET returned nothing', () => {
    const text = REDIGO + 'func Areas() []Area {\n\tconn := Pool.Get()\n\tdefer conn.Close()\n\tdata, _ := redis.Bytes(conn.Do("GET", "areaData"))\n\tvar areas []Area\n\tif len(data) == 0 {\n\t\tareas = loadAreas()\n\t\tjs, _ := json.Marshal(areas)\n\t\tconn.Do("SET", "areaData", js)\n\t} else {\n\t\tjson.Unmarshal(data, &areas)\n\t}\n\treturn areas\n}\n';
    expect(lines(text)).toEqual([19]);
  });

  it('reports a go-redis SET with expiration 0 in the redis.Nil branch', () => {
    const text = GOREDIS + 'func Profile(ctx context.Context, id string) (string, error) {\n\tval, err := rdb.Get(ctx, "profile:"+id).Result()\n\tif err == redis.Nil {\n\t\tb, _ := json.Marshal(loadProfile(id))\n\t\trdb.Set(ctx, "profile:"+id, b, 0)\n\t\treturn string(b), nil\n\t}\n\treturn val, err\n}\n';
    expect(lines(text)).toEqual([17]);
  });

  it('reports a SET after the hit returned early', () => {
    const text = GOREDIS + 'func Profile(ctx context.Context, id string) (string, error) {\n\tval, err := rdb.Get(ctx, "profile:"+id).Result()\n\tif err == nil {\n\t\treturn val, nil\n\t}\n\tb, _ := json.Marshal(loadProfile(id))\n\trdb.Set(ctx, "profile:"+id, b, 0)\n\treturn string(b), nil\n}\n';
    expect(lines(text)).toEqual([19]);
  });

  it('does not report the same fill with a TTL', () => {
    const text = GOREDIS + 'func Profile(ctx context.Context, id string) (string, error) {\n\tval, err := rdb.Get(ctx, "profile:"+id).Result()\n\tif err == redis.Nil {\n\t\tb, _ := json.Marshal(loadProfile(id))\n\t\trdb.Set(ctx, "profile:"+id, b, 10*time.Minute)\n\t\treturn string(b), nil\n\t}\n\treturn val, err\n}\n';
    expect(lines(text)).toEqual([]);
  });

  it('does not report a counter initialised to a literal on a miss', () => {
    const text = GOREDIS + 'func Visits(ctx context.Context) string {\n\tval, err := rdb.Get(ctx, "visits").Result()\n\tif err == redis.Nil {\n\t\trdb.Set(ctx, "visits", 0, 0)\n\t\treturn "0"\n\t}\n\treturn val\n}\n';
    expect(lines(text)).toEqual([]);
  });

  it('does not report a SET of another key on a miss, nor a SET that updates the value read', () => {
    const other = GOREDIS + 'func Profile(ctx context.Context, id string) {\n\t_, err := rdb.Get(ctx, "profile:"+id).Result()\n\tif err == redis.Nil {\n\t\tb, _ := json.Marshal(loadProfile(id))\n\t\trdb.Set(ctx, "missing:"+id, b, 0)\n\t}\n}\n';
    const update = GOREDIS + 'func Rename(ctx context.Context, id, name string) {\n\tval, err := rdb.Get(ctx, "user:"+id).Result()\n\tif err != nil {\n\t\treturn\n\t}\n\tb, _ := json.Marshal(withName(val, name))\n\trdb.Set(ctx, "user:"+id, b, 0)\n}\n';
    expect(lines(other)).toEqual([]);
    expect(lines(update)).toEqual([]);
  });
});
