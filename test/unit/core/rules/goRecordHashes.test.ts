/**
 * Go unbounded-collection-read on hashes the file writes as records (every HSET names its fields as literals) and on
 * library functions named after the command they wrap. Tricky negatives the other way: a hash written with a
 * computed field, and a differently named function that reads its caller's key whole.
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
  return reviewSource(parsers, text, { path: 'store/records.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\nfunc jobKey(id string) string { return "job:" + id }\n\n';

describe('Go unbounded-collection-read: record hashes and command-named wrappers', () => {
  it('leaves HGETALL of a hash that every write fills with the same literal fields alone', () => {
    const text = HEAD + 'type Job struct {\n\tID    string\n\tState string\n}\n\nfunc Save(ctx context.Context, job Job, size int) error {\n\treturn rdb.HSet(ctx, jobKey(job.ID), "id", job.ID, "state", job.State, "size", size).Err()\n}\n\nfunc Load(ctx context.Context, id string) (map[string]string, error) {\n\treturn rdb.HGetAll(ctx, jobKey(id)).Result()\n}\n';
    expect(unboundedLines(text)).toEqual([]);
  });

  it('reports HGETALL of the same key when one write names the field from data', () => {
    const text = HEAD + 'func Save(ctx context.Context, id, state string) error {\n\treturn rdb.HSet(ctx, jobKey(id), "state", state).Err()\n}\n\nfunc Tag(ctx context.Context, id, tag string) error {\n\treturn rdb.HSet(ctx, jobKey(id), tag, 1).Err()\n}\n\nfunc Load(ctx context.Context, id string) (map[string]string, error) {\n\treturn rdb.HGetAll(ctx, jobKey(id)).Result()\n}\n';
    expect(unboundedLines(text)).toEqual([22]);
  });

  it('leaves a generic function named after the command alone, and reports a named use of its caller key', () => {
    const wrapper = HEAD + 'func HGetAll(ctx context.Context, key string) (map[string]int, error) {\n\tdata, err := rdb.HGetAll(ctx, key).Result()\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tout := make(map[string]int, len(data))\n\tfor k := range data {\n\t\tout[k] = len(data[k])\n\t}\n\treturn out, nil\n}\n';
    expect(unboundedLines(wrapper)).toEqual([]);
    const use = wrapper.replace('func HGetAll(', 'func fetchSizes(');
    expect(unboundedLines(use)).toEqual([14]);
  });
});
