/**
 * cross-slot-multi-key on Go: sorted-set algebra whose keys come in a *redis.ZStore (or variadically after a
 * destination), separate keys computed at run time, and helpers judged by the type of the client parameter they are
 * handed. Tricky negatives: a ZStore literal whose keys share a hash tag, computed keys built with a hash tag, one
 * expression twice, a pass-through wrapper's key parameters, and a plain *redis.Client parameter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const HEAD = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';

function crossSlotLines(text: string): number[] {
  const file = { path: 'store/store.go', text };
  const workspace = buildWorkspaceIndex(parsers, [file]);
  return reviewSource(parsers, text, { path: file.path, language: 'go', workspace })
    .findings.filter((f) => f.ruleId === 'cross-slot-multi-key')
    .map((f) => f.span.start.line + 1);
}

describe('Go cross-slot-multi-key: sorted-set algebra', () => {
  const CLUSTER = HEAD + 'var rdb = redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"a:7000", "b:7000"}})\n\n';

  it('reports ZInterStore and ZUnionStore with a ZStore the caller hands in, and ZDiffStore of caller keys', () => {
    const text = CLUSTER + 'func Inter(ctx context.Context, dest string, store *redis.ZStore) int64 {\n\treturn rdb.ZInterStore(ctx, dest, store).Val()\n}\n\nfunc Union(ctx context.Context, store redis.ZStore) []string {\n\treturn rdb.ZUnion(ctx, store).Val()\n}\n\nfunc Diff(ctx context.Context, dest string, keys []string) int64 {\n\treturn rdb.ZDiffStore(ctx, dest, keys...).Val()\n}\n';
    expect(crossSlotLines(text)).toEqual([12, 16, 20]);
  });

  it('judges a ZStore literal by its keys: different slots are reported, a shared hash tag is not', () => {
    const mixed = CLUSTER + 'func Top(ctx context.Context) int64 {\n\treturn rdb.ZUnionStore(ctx, "rank:all", &redis.ZStore{Keys: []string{"rank:day", "rank:week"}}).Val()\n}\n';
    expect(crossSlotLines(mixed)).toEqual([12]);
    const tagged = CLUSTER + 'func Top(ctx context.Context) int64 {\n\treturn rdb.ZUnionStore(ctx, "{rank}:all", &redis.ZStore{Keys: []string{"{rank}:day", "{rank}:week"}, Aggregate: "SUM"}).Val()\n}\n';
    expect(crossSlotLines(tagged)).toEqual([]);
  });

  it('leaves the algebra of a plain *redis.Client alone', () => {
    const text = HEAD + 'var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\nfunc Inter(ctx context.Context, dest string, store *redis.ZStore) int64 {\n\treturn rdb.ZInterStore(ctx, dest, store).Val()\n}\n';
    expect(crossSlotLines(text)).toEqual([]);
  });
});

describe('Go cross-slot-multi-key: separate keys computed at run time', () => {
  const QUEUE = HEAD + 'type Queue struct {\n\trdb redis.UniversalClient\n\tns  string\n}\n\nfunc New(addrs []string) *Queue {\n\treturn &Queue{rdb: redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs})}\n}\n\nfunc (q *Queue) processing(id string) string { return fmt.Sprintf("q:%s:processing:%s", q.ns, id) }\n\nfunc (q *Queue) waiting(id string) string { return fmt.Sprintf("q:%s:waiting:%s", q.ns, id) }\n\n';

  it('reports DEL and a script run of keys built by helpers without a hash tag', () => {
    const text = QUEUE + 'func (q *Queue) Drop(ctx context.Context, id string) error {\n\treturn q.rdb.Del(ctx, q.processing(id), q.waiting(id)).Err()\n}\n\nvar move = redis.NewScript(`return redis.call("RPOPLPUSH", KEYS[1], KEYS[2])`)\n\nfunc (q *Queue) Move(ctx context.Context, id string) error {\n\treturn move.Run(ctx, q.rdb, []string{q.waiting(id), q.processing(id)}).Err()\n}\n';
    expect(crossSlotLines(text.replace('"context"\n', '"context"\n\t"fmt"\n'))).toEqual([24, 30]);
  });

  it('leaves computed keys with a hash tag, one expression twice and a wrapper\'s key parameters alone', () => {
    const tagged = QUEUE.replace(/q:%s:(processing|waiting):%s/g, 'q:%s:$1:{%s}') + 'func (q *Queue) Drop(ctx context.Context, id string) error {\n\treturn q.rdb.Del(ctx, q.processing(id), q.waiting(id)).Err()\n}\n';
    expect(crossSlotLines(tagged.replace('"context"\n', '"context"\n\t"fmt"\n'))).toEqual([]);
    const twice = QUEUE + 'func (q *Queue) Has(ctx context.Context, id string) bool {\n\treturn q.rdb.Exists(ctx, q.waiting(id), q.waiting(id)).Val() > 0\n}\n';
    expect(crossSlotLines(twice.replace('"context"\n', '"context"\n\t"fmt"\n'))).toEqual([]);
    const wrapper = QUEUE + 'func (q *Queue) SMove(ctx context.Context, source, destination string, member any) bool {\n\treturn q.rdb.SMove(ctx, source, destination, member).Val()\n}\n';
    expect(crossSlotLines(wrapper.replace('"context"\n', '"context"\n\t"fmt"\n'))).toEqual([]);
  });
});

describe('Go cross-slot-multi-key: a helper judged by its client parameter', () => {
  const SWITCH = HEAD + 'type S struct {\n\tclient redis.UniversalClient\n}\n\nfunc (r *S) Purge(ctx context.Context, pattern string) error {\n\tswitch client := r.client.(type) {\n\tcase *redis.ClusterClient:\n\t\treturn client.ForEachMaster(ctx, func(ctx context.Context, client *redis.Client) error {\n\t\t\treturn r.purgeNode(ctx, client, pattern)\n\t\t})\n\tcase *redis.Client:\n\t\treturn r.purgeNode(ctx, client, pattern)\n\t}\n\treturn nil\n}\n\n';

  it('reports DEL of a SCAN page on a redis.Cmdable parameter although a callback elsewhere names client *redis.Client', () => {
    // Keys of one cluster node still hash to different slots: the node answers CROSSSLOT.
    const text = SWITCH + 'func (r *S) purgeNode(ctx context.Context, client redis.Cmdable, pattern string) error {\n\tkeys, _, err := client.Scan(ctx, 0, pattern, 100).Result()\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn client.Del(ctx, keys...).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([30]);
  });

  it('leaves a helper alone whose parameter is declared a plain *redis.Client', () => {
    const text = SWITCH.replace('return r.purgeNode(ctx, client, pattern)\n\t\t})', 'return nil\n\t\t})') + 'func (r *S) purgeNode(ctx context.Context, client *redis.Client, pattern string) error {\n\tkeys, _, err := client.Scan(ctx, 0, pattern, 100).Result()\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn client.Del(ctx, keys...).Err()\n}\n';
    expect(crossSlotLines(text)).toEqual([]);
  });
});
