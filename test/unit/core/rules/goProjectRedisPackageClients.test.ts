/**
 * Go: a field typed with the client interface of the project's own Redis package (`import ".../store/redis"`, a
 * struct embedding `redis.Client` whose implementations wrap go-redis's Client and ClusterClient, methods named and
 * shaped after go-redis's) holds a Redis client, likely: per-item calls on it in a loop are round trips, as they are
 * on go-redis. So is a package of a module with no host (`backend/pkg/redis`), which only the project can import.
 * Tricky negatives: other types of such a package (a `redis.Config`), a project package with another name
 * (`.../store/cache`), third-party Redis packages with their own API (go-zero's `redis.Redis`, hoisie's `redis.Client`
 * taking no context), and the same loop over a pipeline.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(text: string, rule: string): number[] {
  return reviewSource(parsers, text, { path: 'board/database/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1);
}

function source(importPath: string, fieldType: string): string {
  return [
    'package database',
    '',
    'import (',
    '\t"context"',
    '',
    `\t"${importPath}"`,
    ')',
    '',
    'type Store struct {',
    `\t${fieldType}`,
    '}',
    '',
    'func (s *Store) Scores(ctx context.Context, board string, players ...string) ([]float64, error) {',
    '\tout := make([]float64, 0, len(players))',
    '\tfor _, player := range players {',
    '\t\tscore, err := s.Client.ZScore(ctx, board, player)',
    '\t\tif err != nil {',
    '\t\t\treturn nil, err',
    '\t\t}',
    '\t\tout = append(out, score)',
    '\t}',
    '\treturn out, nil',
    '}',
    '',
    'func (s *Store) Add(ctx context.Context, board, player string, score float64) error {',
    '\treturn s.Client.ZAdd(ctx, board, player, score)',
    '}',
    '',
    'func (s *Store) Drop(ctx context.Context, board string) error {',
    '\treturn s.Client.Del(ctx, board)',
    '}',
    '',
  ].join('\n');
}

describe('clients of the project\'s own Redis package (Go)', () => {
  it('reads an embedded client interface of a project package named redis as a Redis client', () => {
    const text = source('github.com/acme/board/database/redis', 'redis.Client');
    expect(findings(text, 'command-in-loop')).toEqual([16]);
  });

  it('reads a named field of that type the same way', () => {
    const text = source('github.com/acme/board/internal/redis', 'Client redis.Client');
    expect(findings(text, 'command-in-loop')).toEqual([16]);
  });

  it('leaves other types of the package, other project packages and third-party Redis packages alone', () => {
    expect(findings(source('github.com/acme/board/database/redis', 'redis.Config'), 'command-in-loop')).toEqual([]);
    expect(findings(source('github.com/acme/board/database/cache', 'cache.Client'), 'command-in-loop')).toEqual([]);
    expect(findings(source('github.com/zeromicro/go-zero/core/stores/redis', 'redis.Redis'), 'command-in-loop')).toEqual([]);
    expect(findings(source('github.com/hoisie/redis', 'redis.Client'), 'command-in-loop')).toEqual([]);
    expect(findings(source('backend/pkg/redis', 'redis.Client'), 'command-in-loop')).toEqual([16]);
  });

  it('does not report the loop when it queues the commands on a pipeline of a go-redis client', () => {
    const text = [
      'package database',
      '',
      'import (',
      '\t"context"',
      '',
      '\tgoredis "github.com/redis/go-redis/v9"',
      ')',
      '',
      'type Store struct{ rdb *goredis.Client }',
      '',
      'func (s *Store) Scores(ctx context.Context, board string, players ...string) error {',
      '\tpipe := s.rdb.Pipeline()',
      '\tfor _, player := range players {',
      '\t\tpipe.ZScore(ctx, board, player)',
      '\t}',
      '\t_, err := pipe.Exec(ctx)',
      '\treturn err',
      '}',
      '',
    ].join('\n');
    expect(findings(text, 'command-in-loop')).toEqual([]);
  });
});
