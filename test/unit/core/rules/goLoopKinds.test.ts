/**
 * command-in-loop on Go loops without a range clause that still go item by item (redigo's
 * `for len(values) > 0 { values, _ = redis.Scan(values, …) }`, draining a list until redis.Nil), and a range over
 * a reply asked for one element (Count: 1), which is no loop of round trips. Worker loops stay unreported.
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
  return reviewSource(parsers, text, { path: 'board/board.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const REDIGO = 'package board\n\nimport "github.com/gomodule/redigo/redis"\n\n';
const GO_REDIS = 'package board\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';

describe('Go loops that walk items without a range clause', () => {
  it('reports a round trip inside redigo\'s walk over a reply with redis.Scan', () => {
    const text = REDIGO + 'func Page(conn redis.Conn, board string) []int {\n\tvalues, _ := redis.Values(conn.Do("ZREVRANGE", board, 0, 9))\n\tvar ranks []int\n\tfor len(values) > 0 {\n\t\tname := ""\n\t\tvalues, _ = redis.Scan(values, &name)\n\t\trank, _ := redis.Int(conn.Do("ZREVRANK", board, name))\n\t\tranks = append(ranks, rank)\n\t}\n\treturn ranks\n}\n';
    expect(loopLines(text)).toEqual([11]);
  });

  it('reports a loop that drains a list until redis.Nil, not a worker loop that waits on an empty list', () => {
    const drain = GO_REDIS + 'func Drain(ctx context.Context, rdb *redis.Client, from, to string) {\n\tfor {\n\t\tv, err := rdb.RPop(ctx, from).Result()\n\t\tif err == redis.Nil {\n\t\t\tbreak\n\t\t}\n\t\trdb.LPush(ctx, to, v)\n\t}\n}\n';
    expect(loopLines(drain)).toEqual([12]);
    const worker = GO_REDIS + 'func Work(ctx context.Context, rdb *redis.Client, queue string, handle func(string)) {\n\tfor {\n\t\tv, err := rdb.BRPop(ctx, 5*time.Second, queue).Result()\n\t\tif err == redis.Nil {\n\t\t\tcontinue\n\t\t}\n\t\thandle(v[1])\n\t}\n}\n';
    expect(loopLines(worker)).toEqual([]);
  });

  it('leaves a range over a reply asked for one element alone, and reports the same loop over a page', () => {
    const one = GO_REDIS + 'func Due(ctx context.Context, rdb *redis.Client, key string) {\n\tresult, _ := rdb.ZRangeByScore(ctx, key, &redis.ZRangeBy{\n\t\tMin:   "0",\n\t\tMax:   "100",\n\t\tCount: 1,\n\t}).Result()\n\tfor _, member := range result {\n\t\trdb.ZRem(ctx, key, member)\n\t}\n}\n';
    expect(loopLines(one)).toEqual([]);
    expect(loopLines(one.replace('Count: 1,', 'Count: 100,'))).toEqual([17]);
  });
});
