/**
 * Go command-in-loop over a go-redis SCAN iterator: `iter := rdb.Scan(ctx, 0, "page:*", 100).Iterator()` then
 * `for iter.Next(ctx) { rdb.Del(ctx, iter.Val()) }` hands out one key per round (the iterator fetches the pages), so
 * a command in the body is a round trip per key, as in a range over the keys. Tricky negatives, not reported: the
 * same loop collecting the keys and deleting them once after it, a buffer flushed when full, a worker loop on a
 * condition that is no iterator (`for running.Load()`), an iterator whose loop sends nothing.
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
  return reviewSource(parsers, text, { path: 'catalog/cache.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const HEAD = 'package catalog\n\nimport (\n\t"context"\n\t"sync/atomic"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype pages struct{ rdb *redis.Client }\n\n';

describe('command-in-loop over a go-redis SCAN iterator', () => {
  it('reports a DEL or EXPIRE per key the iterator yields, also of SSCAN/HSCAN members', () => {
    const text = `${HEAD}func (p *pages) clear(ctx context.Context) {
\titer := p.rdb.Scan(ctx, 0, "catalog:page:*", 100).Iterator()
\tfor iter.Next(ctx) {
\t\tp.rdb.Del(ctx, iter.Val())
\t}
}

func (p *pages) touch(ctx context.Context, set string) error {
\tit := p.rdb.SScan(ctx, set, 0, "", 200).Iterator()
\tfor it.Next(ctx) {
\t\tif err := p.rdb.Expire(ctx, "item:"+it.Val(), time.Hour).Err(); err != nil {
\t\t\treturn err
\t\t}
\t}
\treturn it.Err()
}
`;
    expect(loopLines(text)).toEqual([lineOf(text, 'p.rdb.Del'), lineOf(text, 'p.rdb.Expire')]);
  });

  it('leaves out keys collected and deleted once, a buffer flushed when full, and loops on other conditions', () => {
    const text = `${HEAD}func (p *pages) clear(ctx context.Context) error {
\tvar keys []string
\titer := p.rdb.Scan(ctx, 0, "catalog:page:*", 100).Iterator()
\tfor iter.Next(ctx) {
\t\tkeys = append(keys, iter.Val())
\t}
\tif len(keys) == 0 {
\t\treturn nil
\t}
\treturn p.rdb.Unlink(ctx, keys...).Err()
}

func (p *pages) clearInBatches(ctx context.Context) {
\tbatch := make([]string, 0, 500)
\titer := p.rdb.Scan(ctx, 0, "catalog:page:*", 500).Iterator()
\tfor iter.Next(ctx) {
\t\tbatch = append(batch, iter.Val())
\t\tif len(batch) >= 500 {
\t\t\tp.rdb.Unlink(ctx, batch...)
\t\t\tbatch = batch[:0]
\t\t}
\t}
}

func (p *pages) poll(ctx context.Context, running *atomic.Bool) {
\tfor running.Load() {
\t\tp.rdb.Get(ctx, "catalog:version")
\t}
}

func (p *pages) count(ctx context.Context) int {
\tn := 0
\titer := p.rdb.Scan(ctx, 0, "catalog:page:*", 100).Iterator()
\tfor iter.Next(ctx) {
\t\tn++
\t}
\treturn n
}
`;
    expect(loopLines(text)).toEqual([]);
  });
});
