/**
 * client-per-request on Go: a helper that builds a client, closes it only when its PING fails and returns it
 * otherwise (`dial(ctx, url)` called by the Open constructors) hands the client out; it is no client per call.
 * Tricky positives: a health check that builds a client, pings it and closes it on every path, and a handler that
 * builds one and returns it closed on a failed ping.
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
  return reviewSource(parsers, text, { path: 'store/client.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const SRC = 'package store\n\nimport (\n\t"context"\n\t"net/http"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n'
  + 'func dial(ctx context.Context, url string) (*redis.Client, error) {\n'
  + '\topts, err := redis.ParseURL(url)\n'
  + '\tif err != nil {\n\t\treturn nil, err\n\t}\n'
  + '\tclient := redis.NewClient(opts)\n'
  + '\tif err := client.Ping(ctx).Err(); err != nil {\n'
  + '\t\t_ = client.Close()\n'
  + '\t\treturn nil, err\n'
  + '\t}\n'
  + '\treturn client, nil\n'
  + '}\n\n'
  + 'func healthy(ctx context.Context, addr string) bool {\n'
  + '\tprobe := redis.NewClient(&redis.Options{Addr: addr})\n'
  + '\tdefer probe.Close()\n'
  + '\treturn probe.Ping(ctx).Err() == nil\n'
  + '}\n\n'
  + 'func ping(w http.ResponseWriter, r *http.Request) {\n'
  + '\tc := redis.NewClient(&redis.Options{Addr: r.URL.Query().Get("addr")})\n'
  + '\tif err := c.Ping(r.Context()).Err(); err != nil {\n'
  + '\t\t_ = c.Close()\n'
  + '\t\treturn\n'
  + '\t}\n'
  + '\tw.Write([]byte(c.Get(r.Context(), "motd").Val()))\n'
  + '}\n';

describe('Go client-per-request: a constructor that closes its client only when the ping fails', () => {
  it('does not report the dial helper that returns the client, and still reports the probe and the handler', () => {
    expect(perRequestLines(SRC)).toEqual([24, 30]);
  });
});
