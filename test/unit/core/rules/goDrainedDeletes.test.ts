/**
 * Go del-large-key on collections a function reads whole and then deletes, directly or through the file's own
 * one-DEL helper (a tag set read with SMEMBERS, a backlog read with LRANGE 0 -1). Tricky negatives: a helper given a
 * key that was only read in part, a key read whole by another function, and the helper's own declaration.
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
  return reviewSource(parsers, text, { path: 'store/tags.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package store\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Store struct {\n\tclient *redis.Client\n}\n\nfunc (s *Store) Delete(ctx context.Context, key any) error {\n\treturn s.client.Del(ctx, key.(string)).Err()\n}\n\n';

describe('Go del-large-key: a collection read whole, then deleted', () => {
  it('reports the delete helper given the tag set the function has just read with SMEMBERS', () => {
    const text = HEAD + 'func (s *Store) Invalidate(ctx context.Context, tags []string) {\n\tfor _, tag := range tags {\n\t\ttagKey := fmt.Sprintf("tag:%s", tag)\n\t\tmembers, err := s.client.SMembers(ctx, tagKey).Result()\n\t\tif err != nil {\n\t\t\tcontinue\n\t\t}\n\t\tfor _, member := range members {\n\t\t\ts.Delete(ctx, member)\n\t\t}\n\t\ts.Delete(ctx, tagKey)\n\t}\n}\n';
    expect(lines(text)).toEqual([28]);
  });

  it('reports a direct DEL of a backlog read with LRANGE 0 -1 in the same function', () => {
    const text = HEAD + 'func (s *Store) Drain(ctx context.Context, queue string) ([]string, error) {\n\titems, err := s.client.LRange(ctx, queue, 0, -1).Result()\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn items, s.client.Del(ctx, queue).Err()\n}\n';
    expect(lines(text)).toEqual([23]);
  });

  it('leaves a key alone that was read in part, or read whole only by another function', () => {
    const page = HEAD + 'func (s *Store) Head(ctx context.Context, queue string) []string {\n\titems := s.client.LRange(ctx, queue, 0, 9).Val()\n\ts.Delete(ctx, queue)\n\treturn items\n}\n';
    expect(lines(page)).toEqual([]);
    const elsewhere = HEAD + 'func (s *Store) Members(ctx context.Context, tagKey string) []string {\n\treturn s.client.SMembers(ctx, tagKey).Val()\n}\n\nfunc (s *Store) Forget(ctx context.Context, tagKey string) error {\n\treturn s.Delete(ctx, tagKey)\n}\n';
    expect(lines(elsewhere)).toEqual([]);
  });
});
