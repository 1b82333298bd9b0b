/**
 * Go command-in-loop on loops paced on purpose: a producer that sleeps between messages, or a loop that waits on a
 * ticker each round, is slowed by its wait, not by its round trips. Tricky positive: the same loop without the
 * wait, and a loop whose only sleep sits in a goroutine it starts.
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
  return reviewSource(parsers, text, { path: 'producer/main.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package main\n\nimport (\n\t"context"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\n';

describe('Go command-in-loop: paced loops', () => {
  it('leaves a producer that sleeps between messages, and a loop that waits on a ticker, alone', () => {
    const sleeps = HEAD + 'func produce(ctx context.Context) {\n\tfor i := 0; i < 180; i++ {\n\t\trdb.XAdd(ctx, &redis.XAddArgs{Stream: "s", MaxLen: 1000, Values: map[string]any{"n": i}})\n\t\ttime.Sleep(time.Second)\n\t}\n}\n';
    expect(loopLines(sleeps)).toEqual([]);
    const ticks = HEAD + 'func report(ctx context.Context, names []string, t *time.Ticker) {\n\tfor _, name := range names {\n\t\t<-t.C\n\t\trdb.Incr(ctx, "seen:"+name)\n\t}\n}\n';
    expect(loopLines(ticks)).toEqual([]);
  });

  it('still reports the loop without a wait, and one whose sleep is in a goroutine it starts', () => {
    const plain = HEAD + 'func produce(ctx context.Context, ids []string) {\n\tfor _, id := range ids {\n\t\trdb.XAdd(ctx, &redis.XAddArgs{Stream: "s", MaxLen: 1000, Values: map[string]any{"id": id}})\n\t}\n}\n';
    expect(loopLines(plain)).toEqual([14]);
    const goroutine = HEAD + 'func produce(ctx context.Context, ids []string) {\n\tfor _, id := range ids {\n\t\trdb.XAdd(ctx, &redis.XAddArgs{Stream: "s", MaxLen: 1000, Values: map[string]any{"id": id}})\n\t\tgo func() {\n\t\t\ttime.Sleep(time.Second)\n\t\t}()\n\t}\n}\n';
    expect(loopLines(goroutine)).toEqual([14]);
  });
});
