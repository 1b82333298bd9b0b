/**
 * Go unbounded-collection-read on wrapper methods that translate the error before returning the reply
 * (`result, err := c.Client.SMembers(ctx, key).Result(); if err != nil { return nil, wrap(err) }; return result, nil`):
 * the caller picks the key, as with a one-line pass-through. Tricky positive: a method that builds the key itself,
 * and one that does more with the reply than return it.
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
  return reviewSource(parsers, text, { path: 'database/redis/client.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package redis\n\nimport (\n\t"context"\n\t"errors"\n\n\tgoredis "github.com/redis/go-redis/v9"\n)\n\ntype standaloneClient struct {\n\t*goredis.Client\n}\n\n';

describe('Go unbounded-collection-read: wrappers that translate the error', () => {
  it('leaves a wrapper alone whose only statement sends the caller\'s key and returns the reply', () => {
    const text = HEAD + 'func (c *standaloneClient) SMembers(ctx context.Context, key string) ([]string, error) {\n\tresult, err := c.Client.SMembers(ctx, key).Result()\n\tif err != nil {\n\t\treturn nil, errors.New(err.Error())\n\t}\n\treturn result, nil\n}\n';
    expect(lines(text)).toEqual([]);
  });

  it('still reports the method that builds the key, or works on the reply', () => {
    const own = HEAD + 'func (c *standaloneClient) Followers(ctx context.Context, id string) ([]string, error) {\n\tresult, err := c.Client.SMembers(ctx, "followers:"+id).Result()\n\tif err != nil {\n\t\treturn nil, errors.New(err.Error())\n\t}\n\treturn result, nil\n}\n';
    expect(lines(own)).toEqual([15]);
    const works = HEAD + 'func (c *standaloneClient) Count(ctx context.Context, key string) (int, error) {\n\tresult, err := c.Client.SMembers(ctx, key).Result()\n\tif err != nil {\n\t\treturn 0, err\n\t}\n\tseen := map[string]bool{}\n\tfor _, m := range result {\n\t\tseen[m] = true\n\t}\n\treturn len(seen), nil\n}\n';
    expect(lines(works)).toEqual([15]);
  });
});
