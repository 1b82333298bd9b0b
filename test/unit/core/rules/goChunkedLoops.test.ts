/**
 * command-in-loop on Go: a loop that sends a collection in slices, one variadic command per chunk
 * (`LPush(ctx, key, list[i:i+50]...)`), is the batching itself, not a command per item. Tricky positives: a loop that
 * sends one element per round (`list[i]`), and one that spreads the whole collection again every round.
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
  return reviewSource(parsers, text, { path: 'jobs/results.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const SRC = [
  'package jobs',
  '',
  'import (',
  '\t"context"',
  '',
  '\t"github.com/redis/go-redis/v9"',
  ')',
  '',
  'const chunk = 100',
  '',
  'func Save(ctx context.Context, rdb *redis.Client, key string, results []interface{}) {',
  '\tfor i := 0; i < len(results); i += chunk {',
  '\t\tend := i + chunk',
  '\t\tif end > len(results) {',
  '\t\t\tend = len(results)',
  '\t\t}',
  '\t\trdb.RPush(ctx, key, results[i:end]...)',
  '\t}',
  '}',
  '',
  'func SaveRest(ctx context.Context, rdb *redis.Client, key string, ids []string) {',
  '\tfor start := 0; start < len(ids); start += chunk {',
  '\t\trdb.SRem(ctx, key, ids[start:]...)',
  '\t}',
  '}',
  '',
  'func SaveEach(ctx context.Context, rdb *redis.Client, key string, results []interface{}) {',
  '\tfor i := 0; i < len(results); i++ {',
  '\t\trdb.RPush(ctx, key, results[i])',
  '\t}',
  '}',
  '',
  'func SaveAgain(ctx context.Context, rdb *redis.Client, keys []string, results []interface{}) {',
  '\tfor _, key := range keys {',
  '\t\trdb.RPush(ctx, key, results...)',
  '\t}',
  '}',
  '',
].join('\n');

describe('command-in-loop: a loop that sends a collection in slices', () => {
  it('leaves chunked variadic commands alone and reports element-per-round and whole-collection-per-round loops', () => {
    expect(loopLines(SRC)).toEqual([29, 35]);
  });
});
