/**
 * Go struct fields are resolved by the struct of the method's receiver: a file with a go-redis implementation and
 * a rueidis implementation of one interface, both holding their client in a field named `client`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const TEXT = `package cache

import (
\t"context"

\t"github.com/redis/go-redis/v9"
\t"github.com/redis/rueidis"
)

type Cache interface {
\tSet(ctx context.Context, key, value string) error
}

type GoRedis struct {
\tclient *redis.Client
}

func (g *GoRedis) Set(ctx context.Context, key, value string) error {
\treturn g.client.Set(ctx, key, value, 0).Err()
}

type Rueidis struct {
\tclient rueidis.Client
}

func (r *Rueidis) Set(ctx context.Context, key, value string) error {
\treturn r.client.Do(ctx, r.client.B().Set().Key(key).Value(value).Build()).Error()
}
`;

describe('Go struct fields by the struct of the method receiver', () => {
  it('reads the client field of each struct with its own library', () => {
    const findings = reviewSource(parsers, TEXT, { path: 'cache/cache.go', language: 'go' }).findings.filter((f) => f.ruleId === 'cache-write-without-ttl');
    expect(findings.map((f) => f.span.start.line + 1)).toEqual([19, 27]);
    expect(findings[0].message).toContain('pass an expiration instead of 0');
    expect(findings[1].message).toContain('.Ex(ttl)');
  });
});
