/**
 * unbounded-collection-read on Go: registries of the deployment's participants and per-entity records read in a
 * listing loop stay small; a global collection of the data is still reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function unboundedLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'jobs/status.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package jobs\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\n';

describe('Go unbounded-collection-read: collections bounded by the deployment or by the entity', () => {
  it('leaves the set of running worker processes and the hash of media nodes alone', () => {
    const text = HEAD + 'func Workers(ctx context.Context, ns string) ([]string, error) {\n\tworkersKey := ns + ":workers"\n\treturn rdb.SMembers(ctx, workersKey).Result()\n}\n\nfunc Nodes(ctx context.Context) (map[string]string, error) {\n\treturn rdb.HGetAll(ctx, NodesKey).Result()\n}\n\nconst NodesKey = "media_nodes"\n';
    expect(unboundedLines(text)).toEqual([]);
  });

  it('leaves the record hash of each listed entity alone, read in the listing loop', () => {
    const text = HEAD + 'func Heartbeats(ctx context.Context, ids []string) ([]map[string]string, error) {\n\tvar out []map[string]string\n\tfor _, id := range ids {\n\t\tkey := "heartbeat:" + id\n\t\tfields, err := rdb.HGetAll(ctx, key).Result()\n\t\tif err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\tout = append(out, fields)\n\t}\n\treturn out, nil\n}\n';
    expect(unboundedLines(text)).toEqual([]);
  });

  it('still reports the whole hash of every order and the members of each tag set read in a loop', () => {
    const text = HEAD + 'func Orders(ctx context.Context) (map[string]string, error) {\n\treturn rdb.HGetAll(ctx, "orders").Result()\n}\n\nfunc Tagged(ctx context.Context, tags []string) error {\n\tfor _, tag := range tags {\n\t\tif _, err := rdb.SMembers(ctx, "tag:"+tag).Result(); err != nil {\n\t\t\treturn err\n\t\t}\n\t}\n\treturn nil\n}\n';
    expect(unboundedLines(text)).toEqual([12, 17]);
  });
});
