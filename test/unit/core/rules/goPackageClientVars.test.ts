/**
 * Go clients declared once per package (`var Grds redis.UniversalClient` in defs.go) and used from the package's other
 * files as `Grds.Get(…)` or from other packages as `infra.Grds.Get(…)`: the workspace index tells those files the
 * variable is a client. A package variable of another type, a local or parameter of the same name, a struct field
 * named like it and a package the file does not import are left alone. The CLI lint and reviews against the index
 * (the editor's way) report the same lines.
 */
import { describe, expect, it } from 'vitest';
import { lintSources } from '../../../../src/cli/lint/lintFiles';
import { DEFAULT_CONFIG } from '../../../../src/core/config';
import { goPackageClientsIn } from '../../../../src/core/analysis/go/goPackageClients';
import { loadParsers } from './parsersForTests';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const { inWorkspace } = ruleFindingLines();

const DEFS: SourceFile = {
  path: 'app/infra/defs.go',
  text: 'package infra\n\nimport (\n\t"github.com/redis/go-redis/v9"\n)\n\nvar (\n\tConf  *Config\n\tGrds  redis.UniversalClient\n)\n\ntype Config struct{ Addr string }\n\nfunc Init(addrs []string) {\n\tGrds = redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs})\n}\n',
};

const SAME_PACKAGE: SourceFile = {
  path: 'app/infra/utils.go',
  text: [
    'package infra',
    '',
    'import "context"',
    '',
    'func Warm(ctx context.Context, keys []string) {',
    '\tfor _, k := range keys {',
    '\t\tGrds.Get(ctx, k)',
    '\t}',
    '}',
    '',
    'func Shadowed(ctx context.Context, keys []string) {',
    '\tGrds := NewLocalCache()',
    '\tfor _, k := range keys {',
    '\t\tGrds.Get(ctx, k)',
    '\t}',
    '}',
    '',
    'func Param(ctx context.Context, Grds *LocalCache, keys []string) {',
    '\tfor _, k := range keys {',
    '\t\tGrds.Get(ctx, k)',
    '\t}',
    '}',
    '',
    'func Field(ctx context.Context, s *Service, keys []string) {',
    '\tfor _, k := range keys {',
    '\t\ts.Grds.Get(ctx, k)',
    '\t}',
    '}',
    '',
  ].join('\n'),
};

const OTHER_PACKAGE: SourceFile = {
  path: 'app/internal/job/manage.go',
  text: [
    'package job',
    '',
    'import (',
    '\t"context"',
    '',
    '\t"example.com/app/infra"',
    '\tinf "example.com/app/infra"',
    '\t"example.com/app/store"',
    ')',
    '',
    'func Results(ctx context.Context, key string) []string {',
    '\tr := []string{}',
    '\tfor i := int64(0); i < 10; i++ {',
    '\t\tr = append(r, infra.Grds.LIndex(ctx, key, i).Val())',
    '\t}',
    '\treturn r',
    '}',
    '',
    'func Aliased(ctx context.Context, keys []string) {',
    '\tfor _, k := range keys {',
    '\t\tinf.Grds.Get(ctx, k)',
    '\t}',
    '}',
    '',
    'func NotAClient(ctx context.Context, keys []string) {',
    '\tfor _, k := range keys {',
    '\t\tstore.Grds.Get(ctx, k)',
    '\t}',
    '}',
    '',
  ].join('\n'),
};

/** A package of the project declaring a variable of the same name that is no Redis client. */
const STORE: SourceFile = {
  path: 'app/store/store.go',
  text: 'package store\n\nimport "context"\n\ntype Cache struct{}\n\nfunc (c *Cache) Get(ctx context.Context, k string) string { return "" }\n\nvar Grds *Cache\n',
};

/** A package the job file does not import, declaring a client of the same name. */
const CACHE: SourceFile = {
  path: 'app/cache/redis.go',
  text: 'package cache\n\nimport "github.com/redis/go-redis/v9"\n\nvar Store = redis.NewClient(&redis.Options{})\n',
};

const NOT_IMPORTED: SourceFile = {
  path: 'app/api/handlers.go',
  text: 'package api\n\nimport (\n\t"context"\n\n\t"example.com/app/infra"\n)\n\nfunc Load(ctx context.Context, keys []string) {\n\tfor _, k := range keys {\n\t\tcache.Store.Get(ctx, k)\n\t\tinfra.Conf.Get(ctx, k)\n\t}\n}\n',
};

const PROJECT = [DEFS, SAME_PACKAGE, OTHER_PACKAGE, STORE, CACHE, NOT_IMPORTED];

describe('Go package-level clients of another file', () => {
  it('reads the client variables a file declares, typed or constructed, and no other variable', () => {
    expect(goPackageClientsIn(DEFS.text)).toEqual([{ name: 'Grds', library: 'go-redis', kind: 'client' }]);
    expect(goPackageClientsIn(CACHE.text)).toEqual([{ name: 'Store', library: 'go-redis', kind: 'client' }]);
    expect(goPackageClientsIn('package c\n\nimport "github.com/redis/go-redis/v9"\n\nvar RDB = redis.NewClusterClient(&redis.ClusterOptions{})\nvar n int\n')).toEqual([{ name: 'RDB', library: 'go-redis', kind: 'cluster' }]);
    expect(goPackageClientsIn('package c\n\nimport "github.com/gomodule/redigo/redis"\n\nvar pool = &redis.Pool{MaxIdle: 3}\n')).toEqual([{ name: 'pool', library: 'redigo', kind: 'pool' }]);
    expect(goPackageClientsIn(STORE.text)).toEqual([]);
  });

  it('treats the bare name as the client in another file of the package, not where a local, a parameter or a field takes the name', () => {
    expect(inWorkspace('command-in-loop', PROJECT, 1)).toEqual([7]);
  });

  it('treats pkg.Name as the client where the package is imported (also under an alias), not a variable of another package', () => {
    expect(inWorkspace('command-in-loop', PROJECT, 2)).toEqual([14, 21]);
    expect(inWorkspace('expensive-linear-list-ops', PROJECT, 2)).toEqual([14]);
  });

  it('leaves a package the file does not import and a variable of the package that is no client alone', () => {
    expect(inWorkspace('command-in-loop', PROJECT, 5)).toEqual([]);
  });

  it('carries the client kind over: a ClusterClient variable is a Cluster client for cross-slot, a plain *redis.Client is not', () => {
    const clients: SourceFile = {
      path: 'svc/cache/clients.go',
      text: 'package cache\n\nimport "github.com/redis/go-redis/v9"\n\nvar RDB = redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"a:7000", "b:7000"}})\n\nvar Plain *redis.Client\n',
    };
    const user: SourceFile = {
      path: 'svc/api/read.go',
      text: 'package api\n\nimport (\n\t"context"\n\n\t"example.com/svc/cache"\n)\n\nfunc Read(ctx context.Context, a, b string) {\n\tcache.RDB.MGet(ctx, "user:"+a, "order:"+b)\n\tcache.Plain.MGet(ctx, "user:"+a, "order:"+b)\n}\n',
    };
    expect(inWorkspace('cross-slot-multi-key', [clients, user], 1)).toEqual([10]);
  });

  it('reports the same lines in the CLI lint, whose files never name Redis', async () => {
    const parsers = await loadParsers();
    const files = PROJECT.map((file) => ({ path: `/project/${file.path}`, projectPath: file.path, displayPath: file.path, text: file.text }));
    const report = lintSources(files, [], { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 10_000 });
    const lines = (path: string) => report.files.find((f) => f.displayPath === path)?.findings.filter((f) => f.ruleId === 'command-in-loop').map((f) => f.span.start.line + 1) ?? [];
    expect(lines(SAME_PACKAGE.path)).toEqual(inWorkspace('command-in-loop', PROJECT, 1));
    expect(lines(OTHER_PACKAGE.path)).toEqual(inWorkspace('command-in-loop', PROJECT, 2));
    expect(lines(NOT_IMPORTED.path)).toEqual([]);
  });
});
