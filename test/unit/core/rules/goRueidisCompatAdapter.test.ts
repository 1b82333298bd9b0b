/**
 * Go rules on rueidis used through its go-redis compatible adapter (`rueidiscompat.NewAdapter(client)`): the adapter's
 * methods are go-redis commands, inline (`rueidiscompat.NewAdapter(s.client).FlushAll(ctx)`) or kept in a local.
 * Tricky negative: wrapping the shared client per call opens no connection, so it is no client per request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(text: string): string[] {
  return reviewSource(parsers, text, { path: 'store/compat.go', language: 'go' }).findings.map((f) => `${f.ruleId}:${f.span.start.line + 1}`);
}

const HEAD = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/rueidis"\n\t"github.com/redis/rueidis/rueidiscompat"\n)\n\ntype Store struct{ client rueidis.Client }\n\n';

describe('Go rueidiscompat adapter', () => {
  it('reads the inline adapter\'s FlushAll as FLUSHALL, with no client per request', () => {
    const text = HEAD + 'func (s *Store) Clear(ctx context.Context) error {\n\treturn rueidiscompat.NewAdapter(s.client).FlushAll(ctx).Err()\n}\n';
    expect(findings(text)).toEqual(['flush-in-app-code:13']);
  });

  it('reads commands of an adapter kept in a local', () => {
    const text = HEAD + 'func (s *Store) Online(ctx context.Context) ([]string, error) {\n\tcompat := rueidiscompat.NewAdapter(s.client)\n\treturn compat.SMembers(ctx, "online").Result()\n}\n';
    expect(findings(text)).toEqual(['unbounded-collection-read:14']);
  });
});
