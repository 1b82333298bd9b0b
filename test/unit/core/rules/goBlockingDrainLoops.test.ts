/**
 * command-in-loop on Go loops that drain a list with a blocking pop: `for { BRPopLPush(ctx, from, to, time.Second) }`
 * that stops at redis.Nil (the timeout passed on an empty list) moves the items there are one round trip each, as
 * the plain RPOP drain does. Tricky negative: a consumer that keeps waiting on redis.Nil (continue) is a worker loop.
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
  return reviewSource(parsers, text, { path: 'jobs/requeue.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const GO_REDIS = 'package jobs\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';
const REDIGO = 'package jobs\n\nimport "github.com/gomodule/redigo/redis"\n\n';

/** The pop sits on line 13 of the go-redis file. */
function requeue(onNil: 'break' | 'continue'): string {
  return GO_REDIS + `func Requeue(ctx context.Context, rdb *redis.Client, inflight, queue string, handle func(string)) ([]string, error) {\n\tvar moved []string\n\tfor {\n\t\tmsg, err := rdb.BRPopLPush(ctx, inflight, queue, time.Second).Result()\n\t\tif err != nil {\n\t\t\tif err == redis.Nil {\n\t\t\t\t${onNil}\n\t\t\t}\n\t\t\treturn moved, err\n\t\t}\n\t\tmoved = append(moved, msg)\n\t}\n\treturn moved, nil\n}\n`;
}

describe('Go command-in-loop: a blocking pop that drains a list until it is empty', () => {
  it('reports the go-redis BRPopLPush loop that stops at redis.Nil', () => {
    expect(loopLines(requeue('break'))).toEqual([13]);
  });

  it('reports a redigo BLPOP drain that stops at redis.ErrNil', () => {
    const text = REDIGO + 'func Drain(conn redis.Conn, queue string) ([]string, error) {\n\tvar out []string\n\tfor {\n\t\treply, err := redis.Strings(conn.Do("BLPOP", queue, 1))\n\t\tif err == redis.ErrNil {\n\t\t\tbreak\n\t\t}\n\t\tif err != nil {\n\t\t\treturn out, err\n\t\t}\n\t\tout = append(out, reply[1])\n\t}\n\treturn out, nil\n}\n';
    expect(loopLines(text)).toEqual([8]);
  });

  it('leaves a consumer that keeps waiting on an empty list alone', () => {
    expect(loopLines(requeue('continue'))).toEqual([]);
  });
});
