/**
 * del-large-key on Go: a key passed in as a parameter is the collection another function of the file fills through a
 * parameter of the same, specific name (`Remove(ctx, leaderboard)` next to `Add(ctx, leaderboard, …)` that ZADDs to
 * it), as the rule's definition reads for every language. Tricky negatives: thin wrappers whose parameter is the
 * caller's key under a generic name (`Forget(ctx, key)` next to `Push(ctx, key, …)`), and a parameter of another name.
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

describe('del-large-key of a collection another function fills through a parameter of the same name (Go)', () => {
  const text = [
    'package database',
    '',
    'import (',
    '\t"context"',
    '',
    '\t"github.com/redis/go-redis/v9"',
    ')',
    '',
    'type Store struct{ rdb *redis.Client }',
    '',
    'func (s *Store) Add(ctx context.Context, leaderboard, player string, score float64) error {',
    '\treturn s.rdb.ZAdd(ctx, leaderboard, redis.Z{Score: score, Member: player}).Err()',
    '}',
    '',
    'func (s *Store) Remove(ctx context.Context, leaderboard string) error {',
    '\treturn s.rdb.Del(ctx, leaderboard).Err()',
    '}',
    '',
    'func (s *Store) Push(ctx context.Context, key, v string) error {',
    '\treturn s.rdb.SAdd(ctx, key, v).Err()',
    '}',
    '',
    'func (s *Store) Forget(ctx context.Context, key string) error {',
    '\treturn s.rdb.Del(ctx, key).Err()',
    '}',
    '',
    'func (s *Store) Reset(ctx context.Context, board string) error {',
    '\treturn s.rdb.Del(ctx, board).Err()',
    '}',
    '',
  ].join('\n');

  it('reports the DEL of the parameter another function fills, not a thin wrapper\'s key or another name', () => {
    expect(findings(text, 'del-large-key')).toEqual([16]);
  });
});

describe('del-large-key of a parameter a command-by-command wrapper also GETs and SETs through (Go)', () => {
  const wrapper = (getParam: string) => [
    'package db',
    '',
    'import "github.com/gomodule/redigo/redis"',
    '',
    'type Client struct{ pool *redis.Pool }',
    '',
    `func (client *Client) Get(${getParam} string) (string, error) {`,
    '\tc := client.pool.Get()',
    '\tdefer c.Close()',
    `\treturn redis.String(c.Do("GET", ${getParam}))`,
    '}',
    '',
    'func (client *Client) Del(collection string) error {',
    '\tc := client.pool.Get()',
    '\tdefer c.Close()',
    '\t_, err := c.Do("DEL", collection)',
    '\treturn err',
    '}',
    '',
    'func (client *Client) RPush(collection string, value interface{}) error {',
    '\tc := client.pool.Get()',
    '\tdefer c.Close()',
    '\t_, err := c.Do("RPUSH", collection, value)',
    '\treturn err',
    '}',
    '',
  ].join('\n');

  it('leaves the DEL alone when the same parameter name also reaches GET: it names whatever key the caller passes', () => {
    expect(findings(wrapper('collection'), 'del-large-key')).toEqual([]);
  });

  it('still reports it when only collection commands take that parameter', () => {
    expect(findings(wrapper('name'), 'del-large-key')).toEqual([16]);
  });
});
