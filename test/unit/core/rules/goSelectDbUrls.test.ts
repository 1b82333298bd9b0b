/**
 * Go select-db: a quoted redis:// URL that picks a database other than 0 (handed to ParseURL or DialURL, or an
 * environment default) is reported at the URL; database 0, URLs without a database, commented-out lines and the
 * path of other schemes are not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function databases(source: string): number[] {
  return reviewSource(parsers, source, { path: 'store/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'select-db')
    .map((f) => f.span.start.line + 1);
}

describe('Go redis:// URLs with a database number', () => {
  it('reports URLs that choose a numbered database and leaves the others alone', () => {
    const source = [
      'package store',
      '',
      'import (',
      '\t"os"',
      '',
      '\t"github.com/redis/go-redis/v9"',
      ')',
      '',
      'func getenv(name, fallback string) string {',
      '\tif v := os.Getenv(name); v != "" {',
      '\t\treturn v',
      '\t}',
      '\treturn fallback',
      '}',
      '',
      'func Open() []*redis.Client {',
      '\tsessions, _ := redis.ParseURL("redis://cache:6379/2")',
      '\tjobs, _ := redis.ParseURL(getenv("JOBS_URL", "redis://queue:6379/3?dial_timeout=2s"))',
      '\tmain, _ := redis.ParseURL("redis://cache:6379/0")',
      '\tplain, _ := redis.ParseURL("rediss://cache.internal:6380")',
      '\t// legacy, _ := redis.ParseURL("redis://old:6379/5")',
      '\tdocs := "https://redis.io/docs/1"',
      '\t_ = docs',
      '\treturn []*redis.Client{redis.NewClient(sessions), redis.NewClient(jobs), redis.NewClient(main), redis.NewClient(plain)}',
      '}',
      '',
    ].join('\n');
    expect(databases(source)).toEqual([17, 18]);
  });
});
