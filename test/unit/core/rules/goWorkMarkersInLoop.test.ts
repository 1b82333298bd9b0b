/**
 * Go command-in-loop leaves out a marker each round sets before its own work and clears after it, as the rule's
 * definition does in Python and JavaScript: a per-item lock taken with SET NX, the item's work (a database
 * transaction), then DEL of the lock (`ok, _ := rdb.SetNX(ctx, lockKey, "1", ttl).Result()` … `cancel(order)` …
 * `rdb.Del(ctx, lockKey)`): the two commands straddle that work and cannot share a batch. Tricky negatives, still
 * reported: a SET and DEL of the same key with nothing but reply accessors between them (`.Err()`), and a SET NX per
 * item that is never cleared (a dedupe marker set for every item, batchable).
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
  return reviewSource(parsers, text, { path: 'orders/timeouts.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const HEAD = 'package orders\n\nimport (\n\t"context"\n\t"fmt"\n\t"log"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Order struct{ No string }\n\ntype worker struct{ rdb *redis.Client }\n\nfunc (w *worker) cancel(ctx context.Context, o Order) error { return nil }\n\n';

describe('command-in-loop with a per-item work marker', () => {
  it('leaves out a lock taken before each order\'s work and deleted after it', () => {
    const text = `${HEAD}func (w *worker) expire(ctx context.Context, due []Order) {
\tfor _, o := range due {
\t\tlockKey := fmt.Sprintf("order:timeout:lock:%s", o.No)
\t\tok, err := w.rdb.SetNX(ctx, lockKey, "1", 5*time.Minute).Result()
\t\tif err != nil || !ok {
\t\t\tcontinue
\t\t}
\t\tif err := w.cancel(ctx, o); err != nil {
\t\t\tlog.Printf("cancel %s: %v", o.No, err)
\t\t}
\t\tw.rdb.Del(ctx, lockKey)
\t}
}
`;
    expect(loopLines(text)).toEqual([]);
  });

  it('still reports a SET and DEL with nothing between them, and a marker that is never cleared', () => {
    const text = `${HEAD}func (w *worker) flip(ctx context.Context, due []Order) {
\tfor _, o := range due {
\t\tkey := "order:seen:" + o.No
\t\tw.rdb.Set(ctx, key, 1, time.Minute).Err()
\t\tw.rdb.Del(ctx, key).Err()
\t}
}

func (w *worker) dedupe(ctx context.Context, due []Order) {
\tfor _, o := range due {
\t\tkey := "order:seen:" + o.No
\t\tif ok, _ := w.rdb.SetNX(ctx, key, 1, time.Hour).Result(); ok {
\t\t\tlog.Printf("new order %s", o.No)
\t\t}
\t}
}
`;
    expect(loopLines(text)).toEqual([lineOf(text, 'w.rdb.Set('), lineOf(text, 'w.rdb.SetNX')]);
  });
});

describe('command-in-loop with the same write in two branches', () => {
  it('still reports a SET per item written with or without a TTL in an if/else', () => {
    const text = `${HEAD}func (w *worker) save(ctx context.Context, due []Order, ttl time.Duration) error {
\tfor _, o := range due {
\t\tif ttl == 0 {
\t\t\tif err := w.rdb.Set(ctx, o.No, "1", 0).Err(); err != nil {
\t\t\t\treturn err
\t\t\t}
\t\t} else {
\t\t\tif err := w.rdb.Set(ctx, o.No, "1", ttl).Err(); err != nil {
\t\t\t\tlog.Printf("save %s: %v", o.No, err)
\t\t\t\treturn err
\t\t\t}
\t\t}
\t}
\treturn nil
}
`;
    expect(loopLines(text)).toEqual([lineOf(text, 'w.rdb.Set(')]);
  });
});
