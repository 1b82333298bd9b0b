/**
 * unbounded-collection-read on Go: a repository's own LRange wrapper (named after the command, left to its callers)
 * called with 0, -1 reads the whole list, so the call is reported; the same wrapper asked for a page, its own
 * declaration and a direct client call (reported once, as a Redis call) are not reported again.
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
  return reviewSource(parsers, text, { path: 'store/lists.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype repo struct {\n\tctx    context.Context\n\tclient *redis.Client\n}\n\n';
const WRAPPER = 'func (r *repo) LRange(key string, start, stop int64) ([]string, error) {\n\treturn r.client.LRange(r.ctx, key, start, stop).Result()\n}\n\n';

describe('Go unbounded-collection-read: the project\'s range wrapper asked for 0 to -1', () => {
  it('reports the caller that asks the wrapper for the whole list', () => {
    const text = HEAD + WRAPPER + 'func (r *repo) History(key string) ([]string, error) {\n\treturn r.LRange(key, 0, -1)\n}\n';
    expect(unboundedLines(text)).toEqual([19]);
  });

  it('leaves a page asked of the wrapper, and the wrapper itself, alone', () => {
    const text = HEAD + WRAPPER + 'func (r *repo) Recent(key string) ([]string, error) {\n\treturn r.LRange(key, 0, 49)\n}\n';
    expect(unboundedLines(text)).toEqual([]);
  });

  it('reports a direct client call with 0, -1 once', () => {
    const text = HEAD + 'func (r *repo) All(user string) ([]string, error) {\n\treturn r.client.LRange(r.ctx, "history:"+user, 0, -1).Result()\n}\n';
    expect(unboundedLines(text)).toEqual([15]);
  });
});
