/**
 * Go command-in-loop leaves out loops in code that runs once, as the rule's definition does for Python and
 * JavaScript (a function named for a migration or start-up): a function named for initialising, migrating or seeding
 * that takes nothing but a context (`func (r *repo) InitStockCache(ctx context.Context) error`, `func init()`,
 * `MigrateLegacyKeys(ctx)`) runs once when the service starts or is migrated. Tricky negatives, still reported: an
 * Init function that takes the item it works for (`InitUserCache(ctx, userID)` runs per user), a loop in a handler
 * or worker method, and a function whose name only contains "init" (`reinitSessions`).
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
  return reviewSource(parsers, text, { path: 'inventory/stock.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const HEAD = 'package inventory\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Stock struct {\n\tSKU string\n\tQty int64\n}\n\ntype repo struct {\n\trdb   *redis.Client\n\titems []Stock\n}\n\n';

describe('command-in-loop in start-up and migration functions', () => {
  it('leaves out loops of functions named for initialising, migrating or seeding that take only a context', () => {
    const text = `${HEAD}func (r *repo) InitStockCache(ctx context.Context) error {
\tfor _, s := range r.items {
\t\tr.rdb.SetNX(ctx, fmt.Sprintf("stock:%s", s.SKU), s.Qty, 0)
\t}
\treturn nil
}

func (r *repo) MigrateLegacyKeys(ctx context.Context) {
\tfor _, s := range r.items {
\t\tr.rdb.Rename(ctx, "qty:"+s.SKU, "stock:"+s.SKU)
\t}
}

func (r *repo) seedDemo() {
\tfor _, s := range r.items {
\t\tr.rdb.Set(context.Background(), "stock:"+s.SKU, s.Qty, 0)
\t}
}
`;
    expect(loopLines(text)).toEqual([]);
  });

  it('still reports an Init function per item, handlers, and names that only contain init', () => {
    const text = `${HEAD}func (r *repo) InitUserCache(ctx context.Context, userID string) {
\tfor _, s := range r.items {
\t\tr.rdb.HSet(ctx, "cart:"+userID, s.SKU, s.Qty)
\t}
}

func (r *repo) Reserve(ctx context.Context, skus []string) {
\tfor _, sku := range skus {
\t\tr.rdb.Decr(ctx, "stock:"+sku)
\t}
}

func (r *repo) reinitSessions(ctx context.Context) {
\tfor _, s := range r.items {
\t\tr.rdb.Del(ctx, "session:"+s.SKU)
\t}
}
`;
    expect(loopLines(text)).toEqual([lineOf(text, 'r.rdb.HSet'), lineOf(text, 'r.rdb.Decr'), lineOf(text, 'r.rdb.Del')]);
  });
});
