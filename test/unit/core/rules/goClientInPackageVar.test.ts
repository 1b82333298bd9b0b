/**
 * Go client-per-request: a function that assigns its new pool or client to a package-level variable
 * (`RedisPool = &redis.Pool{...}` in `RedisInit()`, `rdb = redis.NewClient(...)`) stores it for the whole program
 * to share, whatever the function is called: it is the program's set-up, not a client per call. The same
 * assignment in a request handler, and a function-local variable assigned with `=`, still make one per call.
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
  return reviewSource(parsers, text, { path: 'model/redis.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const REDIGO = 'package model\n\nimport (\n\t"net/http"\n\t"time"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\nvar RedisPool *redis.Pool\n\n';
const POOL = '\tRedisPool = &redis.Pool{\n\t\tMaxIdle: 20,\n\t\tDial: func() (redis.Conn, error) {\n\t\t\treturn redis.Dial("tcp", "127.0.0.1:6379", redis.DialReadTimeout(time.Second), redis.DialWriteTimeout(time.Second))\n\t\t},\n\t}\n';

const GOREDIS = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb *redis.Client\n\n';

describe('Go client-per-request: a client stored in a package-level variable', () => {
  it('leaves a redigo pool that RedisInit() stores in the package variable alone', () => {
    expect(lines(REDIGO + 'func RedisInit() {\n' + POOL + '}\n')).toEqual([]);
  });

  it('leaves a go-redis client assigned to the package variable by a function with any name', () => {
    const text = GOREDIS + 'func RedisStart(addr string) {\n\trdb = redis.NewClient(&redis.Options{Addr: addr})\n\tif err := rdb.Ping(context.Background()).Err(); err != nil {\n\t\tpanic(err)\n\t}\n}\n';
    expect(lines(text)).toEqual([]);
  });

  it('still reports the same assignment inside a request handler', () => {
    const text = REDIGO + 'func GetArea(w http.ResponseWriter, r *http.Request) {\n' + POOL + '\tconn := RedisPool.Get()\n\tdefer conn.Close()\n\tconn.Do("GET", "areaData")\n}\n';
    expect(lines(text)).toEqual([13]);
  });

  it('still reports a function-local client assigned with = and dropped', () => {
    const text = GOREDIS + 'func lookupName(addr, id string) string {\n\tvar client *redis.Client\n\tclient = redis.NewClient(&redis.Options{Addr: addr})\n\tdefer client.Close()\n\treturn client.Get(context.Background(), id).Val()\n}\n';
    expect(lines(text)).toEqual([13]);
  });
});
