/**
 * client-per-request and command-in-loop on Go start-up code that makes one client per configured server: a loop
 * over the configured instances that keeps each new client in a map or slice (`clients[cfg.Name] = client`) makes
 * each client once, and the PING its factory sends goes to a new server each round, no round trip a pipeline could
 * save. Tricky negatives kept reported: a request handler that builds a client per call, and a loop that builds a
 * client per item and drops it.
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
  return reviewSource(parsers, text, { path: 'initialize/redis.go', language: 'go' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package initialize\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Config struct {\n\tName string\n\tAddr string\n}\n\n';
const FACTORY = 'func initRedisClient(cfg Config) (redis.UniversalClient, error) {\n\tclient := redis.NewClient(&redis.Options{Addr: cfg.Addr})\n\tif err := client.Ping(context.Background()).Err(); err != nil {\n\t\treturn nil, err\n\t}\n\treturn client, nil\n}\n\n';

describe('Go clients made once per configured server', () => {
  it('leaves a start-up loop that keeps one client per configured instance in a map alone', () => {
    const text = HEAD + FACTORY + 'func RedisList(configs []Config) map[string]redis.UniversalClient {\n\tclients := make(map[string]redis.UniversalClient)\n\tfor _, cfg := range configs {\n\t\tclient, err := initRedisClient(cfg)\n\t\tif err != nil {\n\t\t\tpanic(err)\n\t\t}\n\t\tclients[cfg.Name] = client\n\t}\n\treturn clients\n}\n';
    expect(lines('client-per-request', text)).toEqual([]);
    expect(lines('command-in-loop', text)).toEqual([]);
  });

  it('leaves a loop that appends each configured server\'s new client to a slice alone', () => {
    const text = HEAD + 'func Shards(configs []Config) []*redis.Client {\n\tvar shards []*redis.Client\n\tfor _, cfg := range configs {\n\t\tshard := redis.NewClient(&redis.Options{Addr: cfg.Addr})\n\t\tshards = append(shards, shard)\n\t}\n\treturn shards\n}\n';
    expect(lines('client-per-request', text)).toEqual([]);
  });

  it('still reports a loop that makes a client per item and drops it', () => {
    const text = HEAD + 'func Touch(configs []Config, key string) {\n\tfor _, cfg := range configs {\n\t\tclient := redis.NewClient(&redis.Options{Addr: cfg.Addr})\n\t\tclient.Set(context.Background(), key, 1, 0)\n\t\tclient.Close()\n\t}\n}\n';
    expect(lines('client-per-request', text)).toEqual([16]);
  });
});
