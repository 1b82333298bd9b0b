/**
 * client-per-request on Go: a function that creates a client and ends in an endless loop using it (a consumer
 * goroutine, a poller) keeps that client for its whole life, one per long-lived worker, and is not reported.
 * Tricky negative kept reported: a function whose endless loop only retries until the server answers, after which
 * it sends one command and closes the client again (a new client per call).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function perRequestLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'mq/consumer.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package mq\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nfunc options() *redis.Options { return &redis.Options{Addr: "localhost:6379"} }\n\nfunc handle(c *redis.Client, stream string) {\n\tc.XRead(context.Background(), &redis.XReadArgs{Streams: []string{stream, "$"}, Block: time.Second})\n}\n\n';

describe('Go client-per-request: a worker goroutine\'s own client', () => {
  it('leaves a client kept for the endless loop the function ends in alone', () => {
    const src = HEAD
      + 'func consume(stream string) {\n'
      + '\tc := redis.NewClient(options())\n'
      + '\tdefer c.Close()\n'
      + '\tfor {\n'
      + '\t\thandle(c, stream)\n'
      + '\t}\n'
      + '}\n';
    expect(perRequestLines(src)).toEqual([]);
  });

  it('reports a client whose endless loop only waits for the server before one command', () => {
    const src = HEAD
      + 'func publish(stream, body string) {\n'
      + '\tc := redis.NewClient(options())\n'
      + '\tdefer c.Close()\n'
      + '\tfor {\n'
      + '\t\tif c.Ping(context.Background()).Err() == nil {\n'
      + '\t\t\tbreak\n'
      + '\t\t}\n'
      + '\t}\n'
      + '\tc.XAdd(context.Background(), &redis.XAddArgs{Stream: stream, MaxLen: 1000, Values: map[string]any{"b": body}})\n'
      + '}\n';
    expect(perRequestLines(src)).toEqual([17]);
  });
});
