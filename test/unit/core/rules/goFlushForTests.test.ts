/**
 * Go flush-in-app-code: a function that exists for the tests (named so, or documented "used in tests") may wipe the
 * database it was given. Tricky positive: a reset documented for operators, and a comment that only mentions tests
 * in passing, and a name that only contains the letters (resetLatest).
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
  return reviewSource(parsers, text, { path: 'queue/connection.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'flush-in-app-code')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package queue\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype conn struct {\n\trdb *redis.Client\n}\n\n';

describe('Go flush-in-app-code: helpers for the tests', () => {
  it('leaves a flush alone in a function documented as used in tests, or named for them', () => {
    const documented = HEAD + '// flushDb flushes the redis database to reset everything, used in tests\nfunc (c *conn) flushDb(ctx context.Context) error {\n\treturn c.rdb.FlushDB(ctx).Err()\n}\n';
    expect(lines(documented)).toEqual([]);
    const named = HEAD + 'func (c *conn) resetForTests(ctx context.Context) error {\n\treturn c.rdb.FlushDB(ctx).Err()\n}\n';
    expect(lines(named)).toEqual([]);
  });

  it('still reports a reset documented for operators, and one whose comment mentions tests in passing', () => {
    const operators = HEAD + '// Reset wipes every queue; the admin API calls it.\nfunc (c *conn) Reset(ctx context.Context) error {\n\treturn c.rdb.FlushDB(ctx).Err()\n}\n';
    expect(lines(operators)).toEqual([15]);
    const passing = HEAD + '// Reset wipes every queue (the tests cover it in reset_test.go).\nfunc (c *conn) Reset(ctx context.Context) error {\n\treturn c.rdb.FlushDB(ctx).Err()\n}\n';
    expect(lines(passing)).toEqual([15]);
    const latest = HEAD + 'func (c *conn) resetLatest(ctx context.Context) error {\n\treturn c.rdb.FlushDB(ctx).Err()\n}\n';
    expect(lines(latest)).toEqual([14]);
  });
});
