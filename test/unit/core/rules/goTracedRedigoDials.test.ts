/**
 * Go dial-without-timeouts: redigo dials made through an instrumented copy of redigo's Dial - DataDog's
 * dd-trace-go contrib packages (`redigotrace.Dial(network, addr, opts...)` for garyburd and gomodule redigo, v1 and
 * v2 module paths) or the OpenCensus fork of redigo - take the same DialOptions and leave read and write timeouts
 * unset by default, like `redis.Dial`.
 * Tricky negatives: a traced dial with both timeouts, and a traced go-redis client (dd-trace's go-redis contrib,
 * whose client has default timeouts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function dialLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'data/data.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'dial-without-timeouts')
    .map((f) => f.span.start.line + 1);
}

function poolFile(importLine: string, dial: string): string {
  return (
    'package data\n\nimport (\n\t"time"\n\n\t"github.com/gomodule/redigo/redis"\n\t' +
    importLine +
    '\n)\n\nfunc NewPool(addr string) *redis.Pool {\n\treturn &redis.Pool{\n\t\tMaxIdle:     10,\n\t\tIdleTimeout: 240 * time.Second,\n\t\tDial: func() (redis.Conn, error) {\n\t\t\treturn ' +
    dial +
    '\n\t\t},\n\t}\n}\n'
  );
}

describe('Go dial-without-timeouts: dials through instrumented redigo packages', () => {
  it('reports a pool dialled through dd-trace-go redigotrace.Dial with only a keep-alive option', () => {
    const text = poolFile('redigotrace "gopkg.in/DataDog/dd-trace-go.v1/contrib/garyburd/redigo"', 'redigotrace.Dial("tcp", addr, redigotrace.WithServiceName("cache"), redis.DialKeepAlive(time.Minute))');
    expect(dialLines(text)).toEqual([15]);
  });

  it('reports the unaliased gomodule contrib (package redigo) and the v2 module path', () => {
    expect(dialLines(poolFile('"gopkg.in/DataDog/dd-trace-go.v1/contrib/gomodule/redigo"', 'redigo.DialURL(addr)'))).toEqual([15]);
    expect(dialLines(poolFile('redigotrace "github.com/DataDog/dd-trace-go/contrib/gomodule/redigo/v2"', 'redigotrace.DialContext(context.Background(), "tcp", addr)'))).toEqual([15]);
  });

  it('reports a dial of the OpenCensus fork of redigo', () => {
    const text = 'package data\n\nimport "github.com/opencensus-integrations/redigo/redis"\n\nfunc NewPool(addr string) *redis.Pool {\n\treturn &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", addr) }}\n}\n';
    expect(dialLines(text)).toEqual([6]);
  });

  it('leaves a traced dial with read and write timeouts, and a traced go-redis client, alone', () => {
    expect(dialLines(poolFile('redigotrace "gopkg.in/DataDog/dd-trace-go.v1/contrib/gomodule/redigo"', 'redigotrace.Dial("tcp", addr, redis.DialReadTimeout(time.Second), redis.DialWriteTimeout(time.Second))'))).toEqual([]);
    const goRedis = 'package data\n\nimport (\n\t"github.com/go-redis/redis/v8"\n\tredistrace "gopkg.in/DataDog/dd-trace-go.v1/contrib/go-redis/redis.v8"\n)\n\nfunc New(addr string) redis.UniversalClient {\n\treturn redistrace.NewClient(&redis.Options{Addr: addr})\n}\n';
    expect(dialLines(goRedis)).toEqual([]);
  });
});
