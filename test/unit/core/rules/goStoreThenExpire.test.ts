/**
 * set-then-expire on Go: a STORE command (ZUNIONSTORE, SINTERSTORE, …) creates its destination without a TTL like
 * any other write, so a separate EXPIRE of the destination afterwards races the same way. Tricky negatives: the
 * same pair in a MULTI (TxPipelined), a STORE whose destination is never EXPIREd here, and an EXPIRE of one of the
 * source keys rather than the destination.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function ttlLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'trends/top.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'set-then-expire')
    .map((f) => f.span.start.line + 1);
}

const SRC = [
  'package trends',
  '',
  'import (',
  '\t"context"',
  '\t"time"',
  '',
  '\t"github.com/redis/go-redis/v9"',
  ')',
  '',
  'var rdb *redis.Client',
  '',
  'func Aggregate(ctx context.Context, top string, buckets []string) error {',
  '\tif err := rdb.ZUnionStore(ctx, top, &redis.ZStore{Keys: buckets, Aggregate: "SUM"}).Err(); err != nil {',
  '\t\treturn err',
  '\t}',
  '\treturn rdb.Expire(ctx, top, 2*time.Minute).Err()',
  '}',
  '',
  'func CommonFriends(ctx context.Context, dest, a, b string) error {',
  '\t_, err := rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {',
  '\t\tpipe.SInterStore(ctx, dest, a, b)',
  '\t\tpipe.Expire(ctx, dest, time.Minute)',
  '\t\treturn nil',
  '\t})',
  '\treturn err',
  '}',
  '',
  'func Snapshot(ctx context.Context, dest, src string) error {',
  '\treturn rdb.ZUnionStore(ctx, dest, &redis.ZStore{Keys: []string{src}}).Err()',
  '}',
  '',
  'func MergeInto(ctx context.Context, dest, src string) error {',
  '\tif err := rdb.SUnionStore(ctx, dest, dest, src).Err(); err != nil {',
  '\t\treturn err',
  '\t}',
  '\treturn rdb.Expire(ctx, src, time.Minute).Err()',
  '}',
  '',
].join('\n');

describe('Go set-then-expire: STORE commands', () => {
  it('reports a STORE followed by a separate EXPIRE of its destination only', () => {
    expect(ttlLines(SRC)).toEqual([13]);
  });
});
