/**
 * cross-slot-multi-key on Go: which receivers count as possibly a Cluster client and which arguments are a key
 * collection. Tricky negatives first: a Kubernetes cluster is no Redis Cluster, a single key named like a list is
 * one key, a slice of one key or a call guarded by len(keys) == 1 sends one key, a Sentinel UniversalClient and a
 * field another file declares *redis.Client are never Cluster clients.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { mentionsRedisCluster } from '../../../../src/core/analysis/clusterMentions';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const HEAD = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';

function crossSlotLines(text: string, others: { path: string; text: string }[] = []): number[] {
  const file = { path: 'store/store.go', text };
  const workspace = buildWorkspaceIndex(parsers, [file, ...others]);
  return reviewSource(parsers, text, { path: file.path, language: 'go', workspace })
    .findings.filter((f) => f.ruleId === 'cross-slot-multi-key')
    .map((f) => f.span.start.line + 1);
}

describe('Go cross-slot-multi-key: cluster evidence', () => {
  it('reads Redis Cluster names, cluster-mode switches and slot talk as evidence, not any cluster', () => {
    for (const text of ['rdb := redis.NewClusterClient(opts)', '// works against a Redis Cluster', 'ClusterMode bool', 'if cfg.IsCluster {', 'Cluster bool `yaml:"cluster"`', '// single/sentinel/cluster deployments', '// keys must share a hash slot']) {
      expect(mentionsRedisCluster(text), text).toBe(true);
    }
    for (const text of ['// deployed to the Kubernetes cluster', 'kafka: cluster.brokers', 'clusterName := os.Getenv("CLUSTER_NAME")', 'ClusterIP service']) {
      expect(mentionsRedisCluster(text), text).toBe(false);
    }
  });

  it('reports a spread of caller keys on a UniversalClient in a file that speaks of Redis Cluster', () => {
    const text = HEAD + '// Store runs against Redis Cluster in production.\ntype Store struct {\n\trdb redis.UniversalClient\n}\n\nfunc (s *Store) Forget(ctx context.Context, keys []string) error {\n\treturn s.rdb.Del(ctx, keys...).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([15]);
  });

  it('leaves it alone when the only cluster in the file is a Kubernetes one', () => {
    const text = HEAD + '// Store runs in the Kubernetes cluster next to the API.\ntype Store struct {\n\trdb redis.UniversalClient\n}\n\nfunc (s *Store) Forget(ctx context.Context, keys []string) error {\n\treturn s.rdb.Del(ctx, keys...).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([]);
  });

  it('leaves a UniversalClient created with a Sentinel MasterName alone', () => {
    const text = HEAD + '// Redis Cluster is not used here: Sentinel keeps the master.\nvar rdb = redis.NewUniversalClient(&redis.UniversalOptions{MasterName: "main", Addrs: []string{"s1:26379", "s2:26379"}})\n\nfunc Forget(ctx context.Context, keys []string) error {\n\treturn rdb.Del(ctx, keys...).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([]);
  });

  it('leaves a field alone that another file of the package declares as a plain *redis.Client', () => {
    const calls = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar _ redis.Cmdable\n\nfunc (s *Store) Forget(ctx context.Context, keys []string) error {\n\treturn s.rdb.Del(ctx, keys...).Err()\n}\n';
    const declared = { path: 'store/types.go', text: HEAD + 'type Store struct {\n\trdb *redis.Client\n}\n' };
    const clusterElsewhere = { path: 'admin/cluster.go', text: HEAD + 'var admin = redis.NewClusterClient(&redis.ClusterOptions{})\n\nfunc Nodes(ctx context.Context) string {\n\treturn admin.ClusterNodes(ctx).Val()\n}\n' };
    expect(crossSlotLines(calls, [declared, clusterElsewhere])).toEqual([]);
    const universal = { path: 'store/types.go', text: HEAD + 'type Store struct {\n\trdb redis.UniversalClient\n}\n' };
    expect(crossSlotLines(calls, [universal, clusterElsewhere])).toEqual([12]);
  });
});

describe('Go cross-slot-multi-key: key collections', () => {
  const CLUSTER = HEAD + 'var rdb = redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"a:7000", "b:7000"}})\n\n';

  it('takes a single unspread argument for one key, whatever its name', () => {
    const text = CLUSTER + 'func Drop(ctx context.Context, listKey, userIds string) error {\n\trdb.Del(ctx, listKey)\n\treturn rdb.Unlink(ctx, userIds).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([]);
  });

  it('takes a slice literal of one key, never grown, for one key', () => {
    const text = CLUSTER + 'func Drop(ctx context.Context, id string) error {\n\tkeys := []string{"user:" + id}\n\treturn rdb.Del(ctx, keys...).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([]);
    const inline = CLUSTER + 'func Drop(ctx context.Context, id string) error {\n\treturn rdb.Del(ctx, []string{"user:" + id}...).Err()\n}\n';
    expect(crossSlotLines(inline)).toEqual([]);
    const grown = CLUSTER + 'func Drop(ctx context.Context, id string, more []string) error {\n\tkeys := []string{"user:" + id}\n\tkeys = append(keys, more...)\n\treturn rdb.Del(ctx, keys...).Err()\n}\n';
    expect(crossSlotLines(grown)).toEqual([14]);
  });

  it('leaves the one-key branch of a wrapper guarded by len(keys) == 1 alone, and reports the other branch', () => {
    const text = CLUSTER + 'func Exists(ctx context.Context, keys ...string) int64 {\n\tif len(keys) == 1 {\n\t\treturn rdb.Exists(ctx, keys...).Val()\n\t}\n\treturn rdb.Exists(ctx, keys...).Val()\n}\n';
    expect(crossSlotLines(text)).toEqual([15]);
  });

  it('still reports MSET of one map of pairs', () => {
    const text = CLUSTER + 'func Save(ctx context.Context, pairs map[string]string) error {\n\treturn rdb.MSet(ctx, pairs).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([12]);
  });
});
