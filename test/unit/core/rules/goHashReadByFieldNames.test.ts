/**
 * Go unbounded-collection-read: an HGETALL whose reply the function only reads by literal field names
 * (`job["name"]`, `job["processedOn"]`, `len(job) == 0`) reads one record's fields - a job, a session, a profile -
 * not a collection that grows with the data: the code knows every field it wants.
 * Still reported: a reply ranged over, indexed by a computed field, returned or handed on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function readLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'queue/worker.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package queue\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Worker struct{ rdb *redis.Client }\n\n';

function withBody(body: string): string {
  return HEAD + 'func (w *Worker) job(ctx context.Context, queue string, id int) (string, bool) {\n\tkey := fmt.Sprintf("bull:%s:%d", queue, id)\n\tjob, err := w.rdb.HGetAll(ctx, key).Result()\n\tif err != nil {\n\t\treturn "", false\n\t}\n' + body + '}\n';
}

describe('Go unbounded-collection-read: a hash read by its field names', () => {
  it('leaves an HGETALL whose reply is only indexed by literal field names alone', () => {
    expect(readLines(withBody('\tif len(job) == 0 || job["processedOn"] != "" {\n\t\treturn "", false\n\t}\n\treturn job["name"] + job["data"], true\n'))).toEqual([]);
    const redigo = 'package queue\n\nimport "github.com/gomodule/redigo/redis"\n\nfunc load(pool *redis.Pool, id string) (string, error) {\n\tc := pool.Get()\n\tdefer c.Close()\n\tm, err := redis.StringMap(c.Do("HGETALL", "session:"+id))\n\tif err != nil {\n\t\treturn "", err\n\t}\n\treturn m[`user`] + m["role"], nil\n}\n';
    expect(readLines(redigo)).toEqual([]);
  });

  it('still reports a reply that is ranged over, indexed by a computed field, or returned', () => {
    expect(readLines(withBody('\tfor field, value := range job {\n\t\tfmt.Println(field, value)\n\t}\n\treturn job["name"], true\n'))).toEqual([14]);
    expect(readLines(withBody('\treturn job[queue], true\n'))).toEqual([14]);
    const returned = HEAD + 'func (w *Worker) all(ctx context.Context) (map[string]string, error) {\n\tcounts, err := w.rdb.HGetAll(ctx, "counts").Result()\n\tif counts["total"] == "" {\n\t\treturn nil, err\n\t}\n\treturn counts, err\n}\n';
    expect(readLines(returned)).toEqual([13]);
  });
});
