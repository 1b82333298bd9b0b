/**
 * command-in-loop on Go: a loop that reads one element per round (`ZRANGEBYSCORE key -inf now LIMIT 0 1`,
 * `Count: 1`) and stops when the reply comes back empty moves the due items one by one, a round trip (or three,
 * with the ZREM and the push) per item, as a pop-until-empty drain does. Tricky negatives: the same loop reading a
 * page of 100 per round (the batching is the loop's purpose) and a poller that sleeps between rounds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'workers/scheduled.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package workers\n\nimport (\n\t"time"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\nvar pool *redis.Pool\n\n';

function poll(limit: number, pause = ''): string {
  return HEAD + `func poll(keys []string, now float64) {\n\tconn := pool.Get()\n\tdefer conn.Close()\n\tfor _, key := range keys {\n\t\tfor {\n\t\t\tdue, _ := redis.Strings(conn.Do("ZRANGEBYSCORE", key, "-inf", now, "LIMIT", 0, ${limit}))\n\t\t\tif len(due) == 0 {\n\t\t\t\tbreak\n\t\t\t}\n\t\t\tconn.Do("ZREM", key, due[0])\n\t\t\tconn.Do("LPUSH", "queue:default", due[0])${pause}\n\t\t}\n\t}\n}\n`;
}

describe('Go command-in-loop: a drain of one element per round', () => {
  it('reports the scheduler that moves due jobs one at a time', () => {
    expect(loopLines(poll(1))).toEqual([16]);
  });

  it('reports a go-redis read of Count: 1 until empty', () => {
    const text = 'package workers\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nfunc Move(ctx context.Context, rdb *redis.Client, key string, now string) {\n\tfor {\n\t\tdue, _ := rdb.ZRangeByScore(ctx, key, &redis.ZRangeBy{Min: "-inf", Max: now, Count: 1}).Result()\n\t\tif len(due) == 0 {\n\t\t\tbreak\n\t\t}\n\t\trdb.ZRem(ctx, key, due[0])\n\t}\n}\n';
    expect(loopLines(text)).toEqual([11]);
  });

  it('leaves a page of 100 per round and a paced poller alone', () => {
    expect(loopLines(poll(100))).toEqual([]);
    expect(loopLines(poll(1, '\n\t\t\ttime.Sleep(time.Second)').replace('for _, key := range keys {', 'for _, key := range keys[:1] {'))).toEqual([]);
  });
});
