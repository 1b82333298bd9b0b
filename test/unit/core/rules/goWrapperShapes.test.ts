/**
 * Go shapes of store and wrapper code: a field typed with the project's own interface over go-redis is a client,
 * a loop nested beside a reported round trip is a loop of its own, a pooled connection taken with GetContext may be
 * left on its error, a password literal handed to an init function reaches AUTH, a caller's key in a wrapper is not
 * another wrapper's collection, a stream the request names is the user's, and configured queue names are a handful.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string, rule: string): number[] {
  return reviewSource(parsers, text, { path: 'store/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1);
}

const GO_REDIS = 'package store\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';
const REDIGO = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\n';

describe('Go fields typed with a project interface over go-redis', () => {
  const INTERFACE = 'type ClusterAPI interface {\n\tSAdd(ctx context.Context, key string, members ...any) *redis.IntCmd\n\tSMembers(ctx context.Context, key string) *redis.StringSliceCmd\n\tFlushAll(ctx context.Context) *redis.StatusCmd\n}\n\n';

  it('reads the field as a go-redis client, declared before or after its interface', () => {
    const store = 'type Store struct {\n\tcc ClusterAPI\n}\n\nfunc (s *Store) Tags(ctx context.Context, tag string) []string {\n\treturn s.cc.SMembers(ctx, "tag:"+tag).Val()\n}\n\nfunc (s *Store) Clear(ctx context.Context) error {\n\treturn s.cc.FlushAll(ctx).Err()\n}\n';
    const after = GO_REDIS + store + INTERFACE;
    expect(lines(after, 'unbounded-collection-read')).toEqual([16]);
    expect(lines(after, 'flush-in-app-code')).toEqual([20]);
    const before = GO_REDIS + INTERFACE + store;
    expect(lines(before, 'flush-in-app-code')).toEqual([26]);
  });

  it('leaves an interface of the project that returns no go-redis command alone', () => {
    const text = GO_REDIS + 'type Cache interface {\n\tFlushAll(ctx context.Context) error\n}\n\ntype Store struct {\n\tcc Cache\n}\n\nfunc (s *Store) Clear(ctx context.Context) error {\n\treturn s.cc.FlushAll(ctx)\n}\n\nvar _ = fmt.Sprint\nvar _ = time.Second\nvar _ redis.Cmdable\n';
    expect(lines(text, 'flush-in-app-code')).toEqual([]);
  });
});

describe('Go command-in-loop: nested loops and configured names', () => {
  it('reports a helper called per item in a loop nested beside the outer loop\'s own round trip', () => {
    const text = GO_REDIS + 'type Store struct{ rdb *redis.Client }\n\nfunc (s *Store) Delete(ctx context.Context, key string) error {\n\treturn s.rdb.Del(ctx, key).Err()\n}\n\nfunc (s *Store) Invalidate(ctx context.Context, tags []string) {\n\tfor _, tag := range tags {\n\t\tkeys := s.rdb.SMembers(ctx, fmt.Sprintf("tag:%s", tag)).Val()\n\t\tfor _, key := range keys {\n\t\t\ts.Delete(ctx, key)\n\t\t}\n\t}\n}\n\nvar _ = time.Second\n';
    expect(lines(text, 'command-in-loop')).toEqual([19, 21]);
  });

  it('leaves a loop over configured queue names alone, and reports one over a reply', () => {
    const configured = GO_REDIS + 'type Config struct{ Queues []string; DeadLetter string }\n\nfunc Sample(ctx context.Context, rdb *redis.Client, cfg Config) {\n\tqset := map[string]struct{}{}\n\tfor _, q := range cfg.Queues {\n\t\tqset[q] = struct{}{}\n\t}\n\tqset[cfg.DeadLetter] = struct{}{}\n\tgo func() {\n\t\tfor q := range qset {\n\t\t\tfmt.Println(rdb.LLen(ctx, q).Val())\n\t\t}\n\t}()\n\tfor _, q := range cfg.Queues {\n\t\tfmt.Println(rdb.LLen(ctx, q).Val())\n\t}\n}\n\nvar _ = time.Second\n';
    expect(lines(configured, 'command-in-loop')).toEqual([]);
    const replied = GO_REDIS + 'func Sample(ctx context.Context, rdb *redis.Client) {\n\tqset := map[string]struct{}{}\n\tfor _, q := range rdb.SMembers(ctx, "queues").Val() {\n\t\tqset[q] = struct{}{}\n\t}\n\tfor q := range qset {\n\t\tfmt.Println(rdb.LLen(ctx, q).Val())\n\t}\n}\n\nvar _ = time.Second\n';
    expect(lines(replied, 'command-in-loop')).toEqual([17]);
  });
});

describe('Go connections, passwords, wrappers and streams', () => {
  it('leaves a pooled connection alone when the early return is on GetContext\'s error, and reports an early return after it', () => {
    const onError = REDIGO + 'func Get(ctx context.Context, pool *redis.Pool, key string) ([]byte, error) {\n\tconn, err := pool.GetContext(ctx)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tdefer conn.Close()\n\treturn redis.Bytes(conn.Do("GET", key))\n}\n';
    expect(lines(onError, 'connection-not-returned')).toEqual([]);
    const leak = REDIGO + 'func Get(ctx context.Context, pool *redis.Pool, key string) ([]byte, error) {\n\tconn, err := pool.GetContext(ctx)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\tif key == "" {\n\t\treturn nil, nil\n\t}\n\tdefer conn.Close()\n\treturn redis.Bytes(conn.Do("GET", key))\n}\n';
    expect(lines(leak, 'connection-not-returned')).toEqual([10]);
  });

  it('reports a password literal handed to the file\'s init function that AUTHs with it, not a configured one', () => {
    const init = REDIGO + 'var pool *redis.Pool\n\nfunc InitRedis(host string, passwd string) {\n\tpool = &redis.Pool{Dial: func() (redis.Conn, error) {\n\t\tc, err := redis.Dial("tcp", host, redis.DialReadTimeout(time.Second), redis.DialWriteTimeout(time.Second))\n\t\tif err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\tif _, err := c.Do("AUTH", passwd); err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\treturn c, nil\n\t}}\n}\n\nfunc Start(ctx context.Context) {\n\tInitRedis("10.0.0.5:6379", "123456")\n}\n\nfunc StartFromEnv(ctx context.Context, secret string) {\n\tInitRedis("10.0.0.5:6379", secret)\n\tInitRedis("10.0.0.5:6379", "your_password")\n}\n';
    expect(lines(init.replace('"context"\n', '"context"\n\t"time"\n'), 'hardcoded-credentials')).toEqual([26]);
  });

  it('does not take a wrapper\'s key parameter for the collection another wrapper fills, and still reports a key the same function fills', () => {
    const wrappers = GO_REDIS + 'type W struct{ c redis.Cmdable }\n\nfunc (w W) SAdd(key, v string) error {\n\treturn w.c.SAdd(context.TODO(), key, v).Err()\n}\n\nfunc (w W) Del(key string) error {\n\treturn w.c.Del(context.TODO(), key).Err()\n}\n\nfunc (w W) Reset(key string, vs []string) error {\n\tfor _, v := range vs {\n\t\tw.c.SAdd(context.TODO(), key, v)\n\t}\n\treturn w.c.Del(context.TODO(), key).Err()\n}\n\nvar _ = fmt.Sprint\nvar _ = time.Second\n';
    expect(lines(wrappers, 'del-large-key')).toEqual([25]);
  });

  it('leaves an XADD to the stream the request names alone, and reports one to the app\'s own stream', () => {
    const browser = GO_REDIS + 'type AddReq struct{ Key string; Value map[string]any }\n\nfunc AddEntry(ctx context.Context, rdb *redis.Client, req AddReq) error {\n\treturn rdb.XAdd(ctx, &redis.XAddArgs{Stream: req.Key, Values: req.Value}).Err()\n}\n\nfunc Audit(ctx context.Context, rdb *redis.Client, req AddReq) error {\n\treturn rdb.XAdd(ctx, &redis.XAddArgs{Stream: "audit:" + req.Key, Values: req.Value}).Err()\n}\n\nvar _ = fmt.Sprint\nvar _ = time.Second\n';
    expect(lines(browser, 'stream-without-maxlen')).toEqual([18]);
  });
});
