/**
 * cross-slot-multi-key on Go stream reads: XRead/XReadGroup over several streams on a cluster client, named in a
 * Streams literal of different slots or built at run time from the caller's queues. Tricky negatives: one stream,
 * streams sharing a hash tag, stream names built with a hash tag, and the same reads on a plain *redis.Client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const HEAD = 'package queue\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';

function crossSlotLines(text: string): number[] {
  const file = { path: 'queue/queue.go', text };
  const workspace = buildWorkspaceIndex(parsers, [file]);
  return reviewSource(parsers, text, { path: file.path, language: 'go', workspace })
    .findings.filter((f) => f.ruleId === 'cross-slot-multi-key')
    .map((f) => f.span.start.line + 1);
}

const BODY = [
  'func Next(ctx context.Context, rdb CLIENT, queues []string) []redis.XStream {',
  '\tstreams := []string{}',
  '\tids := []string{}',
  '\tfor _, q := range queues {',
  '\t\tstreams = append(streams, "jobs:"+q)',
  '\t\tids = append(ids, ">")',
  '\t}',
  '\tres, _ := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{',
  '\t\tStreams:  append(streams, ids...),',
  '\t\tGroup:    "workers",',
  '\t\tConsumer: "w1",',
  '\t}).Result()',
  '\treturn res',
  '}',
  '',
  'func Tail(ctx context.Context, rdb CLIENT) {',
  '\trdb.XRead(ctx, &redis.XReadArgs{Streams: []string{"events:orders", "events:payments", "0", "0"}})',
  '\trdb.XRead(ctx, &redis.XReadArgs{Streams: []string{"events:orders", "$"}, Count: 10})',
  '\trdb.XRead(ctx, &redis.XReadArgs{Streams: []string{"{events}:orders", "{events}:payments", "0", "0"}})',
  '}',
  '',
  'func Tagged(ctx context.Context, rdb CLIENT, tenant string) {',
  '\tstreams := []string{"{" + tenant + "}:orders", "{" + tenant + "}:payments"}',
  '\trdb.XRead(ctx, &redis.XReadArgs{Streams: append(streams, "0", "0")})',
  '}',
  '',
].join('\n');

describe('Go cross-slot-multi-key: stream reads over several streams', () => {
  it('reports reads of streams in different slots on a possibly-cluster client, not one stream or tagged streams', () => {
    const text = HEAD + BODY.replace(/CLIENT/g, 'redis.UniversalClient');
    expect(crossSlotLines(text)).toEqual([16, 25]);
  });

  it('leaves the same reads on a plain client alone', () => {
    const text = HEAD + BODY.replace(/CLIENT/g, '*redis.Client');
    expect(crossSlotLines(text)).toEqual([]);
  });
});
