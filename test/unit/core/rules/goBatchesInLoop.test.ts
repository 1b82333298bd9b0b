/**
 * Go command-in-loop for batches sent once per loop round: a pipeline executed, or a rueidis DoMulti sent, inside a
 * loop over items. Tricky negatives: a pipeline filled in the loop and sent after it, a loop over chunks or over the
 * slots keys were grouped by, and database/sql's Exec in a loop.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'store/sweep.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const GO_REDIS = 'package store\n\nimport (\n\t"context"\n\t"database/sql"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\n';

describe('Go command-in-loop: a batch sent per item', () => {
  it('reports a pipeline executed once per item, at its Exec', () => {
    const text = GO_REDIS + 'func Sweep(ctx context.Context, ended map[string]string) error {\n\tfor id, room := range ended {\n\t\tpp := rdb.Pipeline()\n\t\tpp.SRem(ctx, "room:"+room, id)\n\t\tpp.HDel(ctx, "egress", id)\n\t\tif _, err := pp.Exec(ctx); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n';
    expect(lines(text)).toEqual([17]);
  });

  it('reports a rueidis DoMulti sent once per tag', () => {
    const text = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/rueidis"\n)\n\ntype Store struct {\n\tclient rueidis.Client\n}\n\nfunc (s *Store) Tag(ctx context.Context, key string, tags []string) {\n\tfor _, tag := range tags {\n\t\ts.client.DoMulti(ctx,\n\t\t\ts.client.B().Sadd().Key("tag:"+tag).Member(key).Build(),\n\t\t\ts.client.B().Expire().Key("tag:"+tag).Seconds(3600).Build(),\n\t\t)\n\t}\n}\n';
    expect(lines(text)).toEqual([15]);
  });

  it('leaves a pipeline filled in the loop and sent after it, chunk and slot loops, and SQL Exec alone', () => {
    const after = GO_REDIS + 'func Sweep(ctx context.Context, ids []string) error {\n\tpp := rdb.Pipeline()\n\tfor _, id := range ids {\n\t\tpp.HDel(ctx, "egress", id)\n\t}\n\t_, err := pp.Exec(ctx)\n\treturn err\n}\n';
    expect(lines(after)).toEqual([]);
    const chunks = GO_REDIS + 'func Load(ctx context.Context, ids []string) error {\n\tfor i := 0; i < len(ids); i += 500 {\n\t\tend := min(i+500, len(ids))\n\t\tpp := rdb.Pipeline()\n\t\tfor _, id := range ids[i:end] {\n\t\t\tpp.Get(ctx, "item:"+id)\n\t\t}\n\t\tif _, err := pp.Exec(ctx); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n';
    expect(lines(chunks)).toEqual([]);
    const slots = GO_REDIS + 'func Drop(ctx context.Context, bySlot map[int64][]string) error {\n\tfor slot, keys := range bySlot {\n\t\t_ = slot\n\t\tif _, err := rdb.Pipelined(ctx, func(pipe redis.Pipeliner) error {\n\t\t\tfor _, k := range keys {\n\t\t\t\tpipe.Unlink(ctx, k)\n\t\t\t}\n\t\t\treturn nil\n\t\t}); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n';
    expect(lines(slots)).toEqual([]);
    const sqlLoop = GO_REDIS + 'func Save(ctx context.Context, db *sql.DB, ids []string) error {\n\tfor _, id := range ids {\n\t\tif _, err := db.ExecContext(ctx, "DELETE FROM t WHERE id = $1", id); err != nil {\n\t\t\treturn err\n\t\t}\n\t\tif _, err := db.Exec("UPDATE t SET n = n + 1"); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n';
    expect(lines(sqlLoop)).toEqual([]);
  });
});
