/**
 * client-per-request on Go, for a factory of the same file that returns a new client as it builds it (`return
 * redis.NewClient(&redis.Options{…})`) and the methods that call it, use the client and drop it: every call leaves
 * one more connection pool behind. Factories that keep their client, constructors that store or return it, start-up
 * callers and callers that hand the client on are left alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { goFreshClientFactories } from '../../../../src/core/analysis/go/goProjectFacts';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const lines = (...parts: string[]) => parts.join('\n') + '\n';

const STORE = {
  path: 'server/store/settings.go',
  text: lines(
    'package store',
    '',
    'import (',
    '\t"context"',
    '',
    '\t"github.com/redis/go-redis/v9"',
    ')',
    '',
    'var ctx = context.Background()',
    '',
    'func settingsClient() *redis.Client {',
    '\treturn redis.NewClient(&redis.Options{Addr: "localhost:6379"})',
    '}',
    '',
    'type Settings struct{}',
    '',
    'func (s *Settings) Theme() (string, error) {',
    '\trdb := settingsClient()',
    '\treturn rdb.Get(ctx, "theme").Result()',
    '}',
    '',
    'func (s *Settings) SaveTheme(v string) error {',
    '\trdb := settingsClient()',
    '\tif err := rdb.Set(ctx, "theme", v, 0).Err(); err != nil {',
    '\t\treturn err',
    '\t}',
    '\treturn rdb.Publish(ctx, "theme-changed", v).Err()',
    '}',
    '',
    'func (s *Settings) WaitForTheme() (string, error) {',
    '\tsub := settingsClient().Subscribe(ctx, "theme-changed")',
    '\tdefer sub.Close()',
    '\tmsg, err := sub.ReceiveMessage(ctx)',
    '\tif err != nil {',
    '\t\treturn "", err',
    '\t}',
    '\treturn msg.Payload, nil',
    '}',
    '',
    // Tricky negatives: the client is handed on, returned, or stored; start-up code makes it once.
    'func NewRepo() *Repo {',
    '\trdb := settingsClient()',
    '\treturn &Repo{rdb: rdb}',
    '}',
    '',
    'type Repo struct{ rdb *redis.Client }',
    '',
    'func (r *Repo) attach() {',
    '\trdb := settingsClient()',
    '\tr.rdb = rdb',
    '}',
    '',
    'func warm(s *Settings) error {',
    '\trdb := settingsClient()',
    '\treturn prime(rdb)',
    '}',
    '',
    'func prime(rdb *redis.Client) error { return rdb.Ping(ctx).Err() }',
    '',
    'func init() {',
    '\trdb := settingsClient()',
    '\t_ = rdb.Ping(ctx).Err()',
    '}',
  ),
};

const CACHED = {
  path: 'server/cache/client.go',
  text: lines(
    'package cache',
    '',
    'import (',
    '\t"context"',
    '',
    '\t"github.com/redis/go-redis/v9"',
    ')',
    '',
    'var client *redis.Client',
    '',
    'func getClient() *redis.Client {',
    '\tif client != nil {',
    '\t\treturn client',
    '\t}',
    '\tclient = redis.NewClient(&redis.Options{Addr: "localhost:6379"})',
    '\treturn client',
    '}',
    '',
    'func sharedClient() *redis.Client {',
    '\tif client != nil {',
    '\t\treturn client',
    '\t}',
    '\treturn redis.NewClient(&redis.Options{Addr: "localhost:6379"})',
    '}',
    '',
    'func Lookup(name string) (string, error) {',
    '\treturn getClient().Get(context.Background(), "repo:"+name).Result()',
    '}',
    '',
    'func Touch(name string) error {',
    '\trdb := sharedClient()',
    '\treturn rdb.Expire(context.Background(), "repo:"+name, 0).Err()',
    '}',
  ),
};

function perRequestLines(file: { path: string; text: string }): number[] {
  const workspace = buildWorkspaceIndex(parsers, [file]);
  return reviewSource(parsers, file.text, { path: file.path, language: 'go', workspace })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

describe('client-per-request: a same-file factory returning a new client, used and dropped per method call', () => {
  it('counts `return redis.NewClient(…)` as a fresh-client factory, not one that keeps its client', () => {
    expect(goFreshClientFactories(STORE.text)).toEqual(['settingsClient']);
    expect(goFreshClientFactories(CACHED.text)).toEqual([]);
  });

  it('reports each method that makes a client through the factory and drops it, also chained into Subscribe', () => {
    expect(perRequestLines(STORE)).toEqual([18, 23, 31]);
  });

  it('leaves factories that keep their client alone', () => {
    expect(perRequestLines(CACHED)).toEqual([]);
  });
});
