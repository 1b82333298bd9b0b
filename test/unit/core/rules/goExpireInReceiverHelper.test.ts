/**
 * Go set-then-expire: a method writes a key its receiver names (`generateRankSetName(l.name)`) and leaves the TTL to
 * another method of the file that EXPIREs that same key, called after the write or deferred (`defer l.setTTL(ctx)`
 * whose plain pipeline sends EXPIRE): two round trips, so a key created by the write keeps no TTL if the process
 * stops in between - the race of a write and EXPIRE in one function.
 * Tricky negatives: the helper called before the write, and a helper that expires another key.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function pairLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'board/board.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'set-then-expire')
    .map((f) => f.span.start.line + 1);
}

const HEAD =
  'package board\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n' +
  'type Board struct {\n\trdb  *redis.Client\n\tname string\n\tttl  time.Duration\n}\n\n' +
  'func rankKey(name string) string { return fmt.Sprintf("board:%s:rank", name) }\n\n' +
  'func (b *Board) touch(ctx context.Context) {\n\tpipe := b.rdb.Pipeline()\n\tpipe.Expire(ctx, rankKey(b.name), b.ttl)\n\tpipe.Exec(ctx)\n}\n\n';

describe('Go set-then-expire: the EXPIRE in a method of the same receiver', () => {
  it('reports a ZADD whose TTL a deferred helper sets afterwards', () => {
    const text = HEAD + 'func (b *Board) Add(ctx context.Context, id string, score float64) error {\n\tdefer b.touch(ctx)\n\treturn b.rdb.ZAdd(ctx, rankKey(b.name), redis.Z{Score: score, Member: id}).Err()\n}\n';
    expect(pairLines(text)).toEqual([27]);
  });

  it('reports an INCR followed by the helper call', () => {
    const text = HEAD + 'func (b *Board) Bump(ctx context.Context, id string) {\n\tb.rdb.ZIncrBy(ctx, rankKey(b.name), 1, id)\n\tb.touch(ctx)\n}\n';
    expect(pairLines(text)).toEqual([26]);
  });

  it('leaves the helper called before the write, and a helper expiring another key, alone', () => {
    const before = HEAD + 'func (b *Board) Add(ctx context.Context, id string, score float64) error {\n\tb.touch(ctx)\n\treturn b.rdb.ZAdd(ctx, rankKey(b.name), redis.Z{Score: score, Member: id}).Err()\n}\n';
    expect(pairLines(before)).toEqual([]);
    const other = HEAD + 'func (b *Board) AddScore(ctx context.Context, id string, score float64) error {\n\tdefer b.touch(ctx)\n\treturn b.rdb.ZAdd(ctx, "scores:"+b.name, redis.Z{Score: score, Member: id}).Err()\n}\n';
    expect(pairLines(other)).toEqual([]);
  });
});
