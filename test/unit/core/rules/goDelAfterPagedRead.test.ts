/**
 * del-large-key on Go: a function that reads a list's length and then pages through all of it with LRANGE from the
 * counter of a three-clause loop (`for start := int64(0); start < size; start += batch`) has read it whole, batch by
 * batch, as LRANGE 0 -1 would: the DEL of that list after the loop frees every element it just read. Tricky
 * negatives: the same paging without a DEL, the DEL of another key after the paging, and a loop that rereads the
 * first ten elements rather than paging.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function delLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'jobs/purge.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

const SRC = [
  'package jobs',
  '',
  'import (',
  '\t"github.com/gomodule/redigo/redis"',
  ')',
  '',
  'const batch = 500',
  '',
  'func Purge(pool *redis.Pool, queue string) ([]string, error) {',
  '\tconn := pool.Get()',
  '\tdefer conn.Close()',
  '\tsize, err := redis.Int64(conn.Do("LLEN", queue))',
  '\tif err != nil {',
  '\t\treturn nil, err',
  '\t}',
  '\tvar all []string',
  '\tfor start := int64(0); start < size; start += batch {',
  '\t\tpage, err := redis.Strings(conn.Do("LRANGE", queue, start, start+batch-1))',
  '\t\tif err != nil {',
  '\t\t\treturn nil, err',
  '\t\t}',
  '\t\tall = append(all, page...)',
  '\t}',
  '\t_, err = conn.Do("DEL", queue)',
  '\treturn all, err',
  '}',
  '',
  'func List(pool *redis.Pool, queue string) ([]string, error) {',
  '\tconn := pool.Get()',
  '\tdefer conn.Close()',
  '\tsize, _ := redis.Int64(conn.Do("LLEN", queue))',
  '\tvar all []string',
  '\tfor start := int64(0); start < size; start += batch {',
  '\t\tpage, _ := redis.Strings(conn.Do("LRANGE", queue, start, start+batch-1))',
  '\t\tall = append(all, page...)',
  '\t}',
  '\treturn all, nil',
  '}',
  '',
  'func Reset(pool *redis.Pool, queue, marker string) error {',
  '\tconn := pool.Get()',
  '\tdefer conn.Close()',
  '\tsize, _ := redis.Int64(conn.Do("LLEN", queue))',
  '\tfor start := int64(0); start < size; start += batch {',
  '\t\tif _, err := conn.Do("LRANGE", queue, start, start+batch-1); err != nil {',
  '\t\t\treturn err',
  '\t\t}',
  '\t}',
  '\t_, err := conn.Do("DEL", marker)',
  '\treturn err',
  '}',
  '',
  'func Peek(pool *redis.Pool, queue string) error {',
  '\tconn := pool.Get()',
  '\tdefer conn.Close()',
  '\tn, _ := redis.Int(conn.Do("LLEN", queue))',
  '\tfor i := 0; i < n; i++ {',
  '\t\tif _, err := conn.Do("LRANGE", queue, 0, 9); err != nil {',
  '\t\t\treturn err',
  '\t\t}',
  '\t}',
  '\t_, err := conn.Do("DEL", queue)',
  '\treturn err',
  '}',
  '',
].join('\n');

describe('Go del-large-key: DEL after paging through the whole list', () => {
  it('reports the DEL after the paged read only', () => {
    expect(delLines(SRC)).toEqual([24]);
  });
});
