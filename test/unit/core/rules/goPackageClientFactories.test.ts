/**
 * client-per-request on Go, for a client factory another file of the same package defines: `client, err :=
 * connect()` builds a new client per call when connect() constructs and returns one. Factories that keep their
 * client (a package variable, a sync.Once, a nil check of a kept client), factories of another package, start-up
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

const RUEIDIS_FACTORY = {
  path: 'backend/redis.go',
  text: 'package main\n\nimport (\n\t"github.com/redis/rueidis"\n)\n\nfunc connect() (rueidis.Client, error) {\n\tclient, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"redis:6379"}})\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn client, nil\n}\n',
};

const HANDLERS = {
  path: 'backend/message.go',
  text: [
    'package main',
    '',
    'import (',
    '\t"context"',
    '',
    '\t"github.com/gofiber/fiber/v2"',
    '\t"github.com/redis/rueidis"',
    ')',
    '',
    'func createMessage(c *fiber.Ctx) error {',
    '\tclient, err := connect()',
    '\tif err != nil {',
    '\t\treturn err',
    '\t}',
    '\tdefer client.Close()',
    '\treturn client.Do(c.Context(), client.B().Set().Key("k").Value("v").Build()).Error()',
    '}',
    '',
    'func purge(ctx context.Context) error {',
    '\tclient, err := connect()',
    '\tif err != nil {',
    '\t\treturn err',
    '\t}',
    '\tdefer client.Close()',
    '\treturn client.Do(ctx, client.B().Flushdb().Build()).Error()',
    '}',
    '',
    'func newStore() (rueidis.Client, error) {',
    '\tclient, err := connect()',
    '\treturn client, err',
    '}',
    '',
    'func keep(ctx context.Context) (rueidis.Client, error) {',
    '\t// client, err := connect()',
    '\treturn connect()',
    '}',
    '',
    'func main() {',
    '\tclient, _ := connect()',
    '\tdefer client.Close()',
    '\tapp := fiber.New()',
    '\tapp.Post("/m", createMessage)',
    '\t_ = app.Listen(":3000")',
    '}',
    '',
  ].join('\n'),
};

function perRequestLines(file: { path: string; text: string }, others: { path: string; text: string }[]): number[] {
  const workspace = buildWorkspaceIndex(parsers, [file, ...others]);
  return reviewSource(parsers, file.text, { path: file.path, language: 'go', workspace })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

describe('Go client-per-request: client factories of another file of the package', () => {
  it('reports a handler and a helper that close what the factory made, not a constructor, a pass-through, a comment or main', () => {
    expect(perRequestLines(HANDLERS, [RUEIDIS_FACTORY])).toEqual([11, 20]);
  });

  it('leaves the calls alone when the factory is in another package', () => {
    expect(perRequestLines(HANDLERS, [{ ...RUEIDIS_FACTORY, path: 'backend/db/redis.go' }])).toEqual([]);
  });

  it('lists factories that construct what they return, not ones that keep a shared client', () => {
    const goRedis = 'package cache\n\nimport (\n\t"sync"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';
    expect(goFreshClientFactories(RUEIDIS_FACTORY.text)).toEqual(['connect']);
    expect(goFreshClientFactories(`${goRedis}func NewRedis(addr string) *redis.Client {\n\trdb := redis.NewClient(&redis.Options{Addr: addr})\n\treturn rdb\n}\n`)).toEqual(['NewRedis']);
    expect(goFreshClientFactories(`${goRedis}var shared *redis.Client\n\nfunc client() *redis.Client {\n\tif shared != nil {\n\t\treturn shared\n\t}\n\trdb := redis.NewClient(&redis.Options{})\n\tshared = rdb\n\treturn rdb\n}\n`)).toEqual([]);
    expect(goFreshClientFactories(`${goRedis}var once sync.Once\nvar rdb *redis.Client\n\nfunc client() *redis.Client {\n\tonce.Do(func() {\n\t\tc := redis.NewClient(&redis.Options{})\n\t\trdb = c\n\t})\n\treturn rdb\n}\n`)).toEqual([]);
    expect(goFreshClientFactories(`${goRedis}var clients = map[string]*redis.Client{}\n\nfunc clientFor(name string) *redis.Client {\n\tif c, ok := clients[name]; ok {\n\t\treturn c\n\t}\n\tc := redis.NewClient(&redis.Options{})\n\tclients[name] = c\n\treturn c\n}\n`)).toEqual([]);
  });
});
