/**
 * command-in-loop on Go: a command wrapped in a retry loop (`for retries < retriesMax { … Publish … time.Sleep(…) }`)
 * inside a loop over items still costs a round trip per item; the item loop is reported once. Tricky negatives: a
 * retry loop alone (one item), a retry loop inside a loop over a channel (events), and a paced poller.
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
  return reviewSource(parsers, text, { path: 'dispatch/publish.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const SRC = [
  'package dispatch',
  '',
  'import (',
  '\t"context"',
  '\t"time"',
  '',
  '\t"github.com/redis/go-redis/v9"',
  ')',
  '',
  'func Dispatch(ctx context.Context, rdb *redis.Client, tasks []string) {',
  '\tfor i, task := range tasks {',
  '\t\tchannel := "worker:" + string(rune(i%4))',
  '\t\tretries := 0',
  '\t\tfor retries < 5 {',
  '\t\t\tif rdb.Publish(ctx, channel, task).Val() == 1 {',
  '\t\t\t\tbreak',
  '\t\t\t}',
  '\t\t\ttime.Sleep(100 * time.Millisecond)',
  '\t\t\tretries++',
  '\t\t}',
  '\t}',
  '}',
  '',
  'func DispatchOne(ctx context.Context, rdb *redis.Client, task string) {',
  '\tfor attempt := 0; attempt < 5; attempt++ {',
  '\t\tif rdb.Publish(ctx, "worker:0", task).Val() == 1 {',
  '\t\t\treturn',
  '\t\t}',
  '\t\ttime.Sleep(100 * time.Millisecond)',
  '\t}',
  '}',
  '',
  'func Relay(ctx context.Context, rdb *redis.Client, events <-chan string) {',
  '\tfor ev := range events {',
  '\t\tfor attempt := 0; attempt < 3; attempt++ {',
  '\t\t\tif rdb.Publish(ctx, "relay", ev).Err() == nil {',
  '\t\t\t\tbreak',
  '\t\t\t}',
  '\t\t\ttime.Sleep(time.Second)',
  '\t\t}',
  '\t}',
  '}',
  '',
  'func Poll(ctx context.Context, rdb *redis.Client, queues []string) {',
  '\tfor _, q := range queues {',
  '\t\tfor {',
  '\t\t\tif rdb.LLen(ctx, q).Val() == 0 {',
  '\t\t\t\tbreak',
  '\t\t\t}',
  '\t\t\ttime.Sleep(time.Second)',
  '\t\t}',
  '\t}',
  '}',
  '',
].join('\n');

describe('command-in-loop: a retry loop inside a loop over items', () => {
  it('reports the per-item retry and leaves a single retry, a channel relay and a drain-wait poller alone', () => {
    expect(loopLines(SRC)).toEqual([15]);
  });
});
