/**
 * Go del-large-key and command-in-loop on shapes that stay small: a registry set, another function's local `key`,
 * and a helper called once per message received from a channel.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string, rule: string): number[] {
  return reviewSource(parsers, text, { path: 'store/index.go', language: 'go' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\n';

describe('Go del-large-key and command-in-loop on small shapes', () => {
  it('leaves DEL of the registry of queue names alone, though the file fills it with SADD', () => {
    const text = HEAD + 'const queuesKey = "jobs::queues"\n\nfunc Register(ctx context.Context, name string) error {\n\treturn rdb.SAdd(ctx, queuesKey, name).Err()\n}\n\nfunc Reset(ctx context.Context) error {\n\treturn rdb.Del(ctx, queuesKey).Err()\n}\n';
    expect(lines(text, 'del-large-key')).toEqual([]);
  });

  it('tells apart two functions\' local `key` variables, and still reports DEL of the hash the same function filled', () => {
    const text = HEAD + 'func Tag(ctx context.Context, ids []string) error {\n\tfor _, key := range ids {\n\t\tif err := rdb.HSet(ctx, key, "seen", 1).Err(); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n\nfunc Purge(ctx context.Context, page []string) {\n\tfor _, key := range page {\n\t\trdb.Del(ctx, key)\n\t}\n}\n\nfunc Rebuild(ctx context.Context, id string, fields map[string]string) error {\n\tkey := "index:" + id\n\tfor f, v := range fields {\n\t\trdb.HSet(ctx, key, f, v)\n\t}\n\trdb.Del(ctx, key)\n\treturn nil\n}\n';
    expect(lines(text, 'del-large-key')).toEqual([31]);
  });

  it('does not count a helper called per message received from a channel as a loop over items', () => {
    const text = HEAD + 'func load(ctx context.Context, key string) (string, error) {\n\treturn rdb.Get(ctx, key).Result()\n}\n\nfunc follow(ctx context.Context, key string, updates <-chan *redis.Message, push func(string)) {\n\tfor range updates {\n\t\tv, _ := load(ctx, key)\n\t\tpush(v)\n\t}\n}\n\nfunc loadAll(ctx context.Context, keys []string) {\n\tfor _, k := range keys {\n\t\t_, _ = load(ctx, k)\n\t}\n}\n';
    expect(lines(text, 'command-in-loop')).toEqual([24]);
  });

  it('counts a loop over a variadic or slice parameter named msgs as items, and one over a subscription\'s messages as events', () => {
    const publish = HEAD + 'func Publish(ctx context.Context, stream string, msgs ...string) error {\n\tfor _, m := range msgs {\n\t\tif err := rdb.XAdd(ctx, &redis.XAddArgs{Stream: stream, MaxLen: 1000, Values: map[string]interface{}{"m": m}}).Err(); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n';
    expect(lines(publish, 'command-in-loop')).toEqual([13]);
    const subscribed = HEAD + 'func Mirror(ctx context.Context, sub *redis.PubSub) {\n\tmsgs := sub.Channel()\n\tfor m := range msgs {\n\t\trdb.Set(ctx, "last", m.Payload, 0)\n\t}\n}\n';
    expect(lines(subscribed, 'command-in-loop')).toEqual([]);
  });
});
