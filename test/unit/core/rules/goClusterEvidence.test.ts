/** cross-slot-multi-key on Go: a UniversalClient counts as possibly a Cluster only with evidence from the project. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CACHE = {
  path: 'common/cache/redis.go',
  text: 'package cache\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Cache struct {\n\tclient redis.UniversalClient\n}\n\nfunc (c *Cache) Del(ctx context.Context, keys ...string) error {\n\treturn c.client.Del(ctx, keys...).Err()\n}\n',
};

const CLUSTER_CONFIG = {
  path: 'config/redis.go',
  text: 'package config\n\nimport "github.com/redis/go-redis/v9"\n\nfunc Open(addrs []string) redis.UniversalClient {\n\tif len(addrs) > 1 {\n\t\treturn redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs})\n\t}\n\treturn redis.NewClient(&redis.Options{Addr: addrs[0]})\n}\n',
};

const STANDALONE_CONFIG = {
  path: 'config/redis.go',
  text: 'package config\n\nimport "github.com/redis/go-redis/v9"\n\nfunc Open(addr string) redis.UniversalClient {\n\treturn redis.NewClient(&redis.Options{Addr: addr})\n}\n',
};

function crossSlot(files: { path: string; text: string }[]) {
  const workspace = buildWorkspaceIndex(parsers, files);
  return reviewSource(parsers, CACHE.text, { path: CACHE.path, language: 'go', workspace }).findings.filter((f) => f.ruleId === 'cross-slot-multi-key');
}

describe('Go cross-slot-multi-key and cluster evidence', () => {
  it('reports DEL of a caller key slice on a UniversalClient when another file of the project builds a ClusterClient', () => {
    const findings = crossSlot([CACHE, CLUSTER_CONFIG]);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('project that speaks of Redis Cluster');
  });

  it('leaves the same call alone when nothing in the project points at Redis Cluster', () => {
    expect(crossSlot([CACHE, STANDALONE_CONFIG])).toEqual([]);
    expect(reviewSource(parsers, CACHE.text, { path: CACHE.path, language: 'go' }).findings.filter((f) => f.ruleId === 'cross-slot-multi-key')).toEqual([]);
  });
});
