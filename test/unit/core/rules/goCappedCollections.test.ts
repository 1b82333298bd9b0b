/**
 * Go unbounded-collection-read: a collection the file keeps small on write (a size check against a small limit,
 * then removals in the same function; a trim to a small window) is not reported when read whole, while the same
 * reads of uncapped, loosely capped or other keys still are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const HEAD = 'package board\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\n';

function reads(body: string): number[] {
  return reviewSource(parsers, HEAD + body, { path: 'board/board.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1 - HEAD.split('\n').length + 1);
}

describe('Go whole reads of collections kept small on write', () => {
  it('leaves a list capped by a size check and a pop before each push, also read through another spelling of its key (a commented-out assignment names no key)', () => {
    const body = [
      'func Post(ctx context.Context, room, msg string) {',
      '\tnotesKey := "board:" + room + ":notes"',
      '\t// notesKey := "board:" + "lobby" + ":notes"',
      '\tcount, err := rdb.LLen(ctx, notesKey).Result()',
      '\tif err != nil {',
      '\t\treturn',
      '\t}',
      '\tif count >= 300 {',
      '\t\trdb.RPop(ctx, notesKey)',
      '\t}',
      '\trdb.LPush(ctx, notesKey, msg)',
      '}',
      '',
      'func Notes(ctx context.Context, room string) []string {',
      '\tall, _ := rdb.LRange(ctx, "board:"+room+":notes", 0, -1).Result()',
      '\treturn all',
      '}',
      '',
    ].join('\n');
    expect(reads(body)).toEqual([]);
  });

  it('leaves a set capped by an inline size check against a constant, and a list trimmed to a small window', () => {
    const body = [
      'const maxRecent = 50',
      '',
      'func Visit(ctx context.Context, page, visitor string) {',
      '\tkey := fmt.Sprintf("recent:%s", page)',
      '\trdb.SAdd(ctx, key, visitor)',
      '\tif rdb.SCard(ctx, key).Val() > maxRecent {',
      '\t\trdb.SPop(ctx, key)',
      '\t}',
      '\trdb.LPush(ctx, "log:visits", visitor)',
      '\trdb.LTrim(ctx, "log:visits", 0, 99)',
      '}',
      '',
      'func Recent(ctx context.Context, page string) []string {',
      '\treturn rdb.SMembers(ctx, fmt.Sprintf("recent:%s", page)).Val()',
      '}',
      '',
      'func Visits(ctx context.Context) []string {',
      '\treturn rdb.LRange(ctx, "log:visits", 0, -1).Val()',
      '}',
      '',
    ].join('\n');
    expect(reads(body)).toEqual([]);
  });

  it('still reports uncapped lists, caps in name only, checks without removals and reads of other keys', () => {
    const body = [
      'func Post(ctx context.Context, room, msg string) {',
      '\tkey := "board:" + room + ":notes"',
      '\tif n, _ := rdb.LLen(ctx, key).Result(); n >= 100000 {',
      '\t\trdb.RPop(ctx, key)',
      '\t}',
      '\trdb.LPush(ctx, key, msg)',
      '\trdb.LPush(ctx, "board:"+room+":events", msg)',
      '\tif rdb.LLen(ctx, "board:"+room+":audit").Val() > 10 {',
      '\t\tlog.Println("audit is long")',
      '\t}',
      '\trdb.LPush(ctx, "board:"+room+":audit", msg)',
      '\trdb.LPush(ctx, "log:all", msg)',
      '\trdb.LTrim(ctx, "log:all", 0, 9999)',
      '}',
      '',
      'func Notes(ctx context.Context, room string) []string {',
      '\ta := rdb.LRange(ctx, "board:"+room+":notes", 0, -1).Val()',
      '\tb := rdb.LRange(ctx, "board:"+room+":events", 0, -1).Val()',
      '\tc := rdb.LRange(ctx, "board:"+room+":audit", 0, -1).Val()',
      '\td := rdb.LRange(ctx, "log:all", 0, -1).Val()',
      '\treturn append(append(append(a, b...), c...), d...)',
      '}',
      '',
    ].join('\n');
    expect(reads(body)).toEqual([17, 18, 19, 20]);
  });
});
