/**
 * command-in-loop on Go: a loop that pages through a whole list, one LRANGE of a batch per round from the loop's
 * counter up to the length read before (`for start := int64(0); start < size; start += batch`), reads in batches on
 * purpose; it is not a command per item. Tricky positive: a loop that sends one LRANGE per index of the list.
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
  return reviewSource(parsers, text, { path: 'jobs/list.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
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
  'func Each(pool *redis.Pool, queue string) ([]string, error) {',
  '\tconn := pool.Get()',
  '\tdefer conn.Close()',
  '\tsize, _ := redis.Int64(conn.Do("LLEN", queue))',
  '\tvar all []string',
  '\tfor i := int64(0); i < size; i++ {',
  '\t\titem, _ := redis.String(conn.Do("LINDEX", queue, i))',
  '\t\tall = append(all, item)',
  '\t}',
  '\treturn all, nil',
  '}',
  '',
].join('\n');

describe('Go command-in-loop: paging through a whole list', () => {
  it('does not report the paged LRANGE loop, and reports a command per index', () => {
    expect(loopLines(SRC)).toEqual([27]);
  });
});
