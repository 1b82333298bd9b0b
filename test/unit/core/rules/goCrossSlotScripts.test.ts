/**
 * cross-slot-multi-key on Go: script runs and function calls take their KEYS as one list (`rdb.Eval(ctx, src, keys)`,
 * `script.Run(ctx, rdb, keys, args...)`, `rdb.FCall(ctx, fn, keys)`), clients reached through an accessor method or a
 * getter another file defines, UniversalClients whose addresses come from configuration elsewhere in the project,
 * and pipelines opened on a possibly-cluster client. Tricky negatives: keys sharing a {hash tag}, a one-key literal
 * list, a helper every caller of which passes one key, a plain *redis.Client, a project whose only UniversalClient
 * gets a literal one-address list.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const HEAD = 'package store\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';

function linesOf(rule: string, text: string, others: { path: string; text: string }[] = []): number[] {
  return findingLines.inWorkspace(rule, [{ path: 'store/store.go', text }, ...others], 0);
}

const crossSlot = (text: string, others: { path: string; text: string }[] = []) => linesOf('cross-slot-multi-key', text, others);

/** A component that builds its UniversalClient from the options it is given: several addresses make a ClusterClient. */
const COMPONENT = HEAD + 'type Redis struct {\n\tclient redis.UniversalClient\n}\n\nfunc New(opts *redis.UniversalOptions) *Redis {\n\treturn &Redis{client: redis.NewUniversalClient(opts)}\n}\n\n';

describe('Go cross-slot-multi-key: script runs', () => {
  it('reports a Script run with the caller\'s key list on a possibly-cluster client', () => {
    const text = COMPONENT + 'var script = redis.NewScript(`return redis.call("MGET", unpack(KEYS))`)\n\nfunc (r *Redis) Run(ctx context.Context, keys []string, args ...interface{}) *redis.Cmd {\n\treturn script.Run(ctx, r.client, keys, args...)\n}\n';
    expect(crossSlot(text)).toEqual([21]);
  });

  it('reports EVAL and FCALL with a key list a helper of the project builds', () => {
    const text = COMPONENT + 'func (r *Redis) ks(keys ...string) []string { return keys }\n\nfunc (r *Redis) Eval(ctx context.Context, src string, keys []string) error {\n\treturn r.client.Eval(ctx, src, r.ks(keys...)).Err()\n}\n\nfunc (r *Redis) Call(ctx context.Context, fn string, keys []string) error {\n\treturn r.client.FCall(ctx, fn, keys).Err()\n}\n';
    expect(crossSlot(text)).toEqual([21, 25]);
  });

  it('leaves keys with a shared hash tag, a one-key list and a plain client alone', () => {
    const tagged = COMPONENT + 'var script = redis.NewScript(`return 1`)\n\nfunc (r *Redis) Allow(ctx context.Context, id string) error {\n\trate := fmt.Sprintf("rate:{%s}", id)\n\tbucket := fmt.Sprintf("bucket:{%s}", id)\n\tkeys := []string{rate, bucket}\n\treturn script.Run(ctx, r.client, keys).Err()\n}\n';
    expect(crossSlot(tagged)).toEqual([]);
    const oneKey = COMPONENT + 'func (r *Redis) Touch(ctx context.Context, key string) error {\n\treturn r.client.Eval(ctx, "return 1", []string{key}).Err()\n}\n';
    expect(crossSlot(oneKey)).toEqual([]);
    const plain = HEAD + 'var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\nvar script = redis.NewScript(`return 1`)\n\nfunc Run(ctx context.Context, keys []string) error {\n\treturn script.Run(ctx, rdb, keys).Err()\n}\n';
    expect(crossSlot(plain)).toEqual([]);
  });

  it('leaves an unexported helper alone when every call of it in the file passes a list of one key', () => {
    const helper = 'func (r *Redis) evalSHA(ctx context.Context, sha string, keys []string, args ...interface{}) *redis.Cmd {\n\treturn r.client.EvalSha(ctx, sha, keys, args...)\n}\n';
    const oneKeyCallers = COMPONENT + helper + '\nfunc (r *Redis) Incr(ctx context.Context, key string) error {\n\treturn r.evalSHA(ctx, "abc", []string{"limit:" + key}, 1).Err()\n}\n';
    expect(crossSlot(oneKeyCallers)).toEqual([]);
    const collectionCaller = COMPONENT + helper + '\nfunc (r *Redis) Forget(ctx context.Context, keys []string) error {\n\treturn r.evalSHA(ctx, "abc", keys).Err()\n}\n';
    expect(crossSlot(collectionCaller)).toEqual([23]);
  });

  it('reports the calls of a helper of another file that hand a key collection to its script, not the helper itself', () => {
    const helper = { path: 'store/lua.go', text: HEAD + 'var _ = fmt.Sprint\n\nfunc callLua(ctx context.Context, rdb redis.UniversalClient, script *redis.Script, keys []string, args []interface{}) (interface{}, error) {\n\treturn script.Run(ctx, rdb, keys, args...).Result()\n}\n' };
    const calls = COMPONENT + 'var batchGet = redis.NewScript(`return redis.call("MGET", unpack(KEYS))`)\n\nfunc (r *Redis) FetchBatch(ctx context.Context, keys []string) (interface{}, error) {\n\treturn callLua(ctx, r.client, batchGet, keys, nil)\n}\n\nfunc (r *Redis) FetchOne(ctx context.Context, key string) (interface{}, error) {\n\treturn callLua(ctx, r.client, batchGet, []string{key}, nil)\n}\n\nfunc (r *Redis) FetchTagged(ctx context.Context, id string) (interface{}, error) {\n\tkeys := []string{fmt.Sprintf("a:{%s}", id), fmt.Sprintf("b:{%s}", id)}\n\treturn callLua(ctx, r.client, batchGet, keys, nil)\n}\n';
    expect(crossSlot(calls, [helper])).toEqual([21]);
    expect(linesOf('cross-slot-multi-key', helper.text, [{ path: 'store/store.go', text: calls }]).length).toBe(0);
  });
});

describe('Go cross-slot-multi-key: how the client is reached', () => {
  it('follows an accessor method declared to return the client', () => {
    const text = COMPONENT + 'func (r *Redis) Client() redis.UniversalClient {\n\treturn r.client\n}\n\nfunc (r *Redis) MGet(ctx context.Context, keys ...string) *redis.SliceCmd {\n\treturn r.Client().MGet(ctx, keys...)\n}\n';
    expect(crossSlot(text)).toEqual([23]);
  });

  it('follows a getter named after Redis that another file of the package defines', () => {
    const calls = HEAD + 'func (c *Client) Eval(ctx context.Context, src string, keys []string) (interface{}, error) {\n\tconn, err := getRedis(c)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn conn.Eval(ctx, src, keys).Result()\n}\n';
    const getter = { path: 'store/redis.go', text: HEAD + 'type Client struct{ Hosts []string }\n\nfunc getRedis(c *Client) (redis.UniversalClient, error) {\n\treturn redis.NewClusterClient(&redis.ClusterOptions{Addrs: c.Hosts}), nil\n}\n' };
    expect(crossSlot(calls, [getter])).toEqual([15]);
  });

  it('judges a parameter by the project\'s clients: a configured address list may make a ClusterClient, one literal address does not', () => {
    const calls = HEAD + 'func MGetMap(ctx context.Context, uc redis.UniversalClient, keys []string) ([]interface{}, error) {\n\treturn uc.MGet(ctx, keys...).Result()\n}\n';
    const configured = { path: 'store/client.go', text: HEAD + 'type Config struct{ Addrs []string }\n\nfunc NewClient(cfg *Config) redis.UniversalClient {\n\topts := &redis.UniversalOptions{Addrs: cfg.Addrs}\n\treturn redis.NewUniversalClient(opts)\n}\n' };
    expect(crossSlot(calls, [configured])).toEqual([11]);
    const single = { path: 'store/client.go', text: HEAD + 'type Config struct{ Addr string }\n\nfunc NewClient(cfg *Config) redis.UniversalClient {\n\treturn redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{cfg.Addr}})\n}\n' };
    expect(crossSlot(calls, [single])).toEqual([]);
  });

  it('judges a pipeline as the client it was opened on', () => {
    const possiblyCluster = COMPONENT + 'func (r *Redis) MGetChunks(ctx context.Context, chunks [][]string) error {\n\tpipe := r.client.Pipeline()\n\tfor _, chunk := range chunks {\n\t\tpipe.MGet(ctx, chunk...)\n\t}\n\t_, err := pipe.Exec(ctx)\n\treturn err\n}\n';
    expect(crossSlot(possiblyCluster)).toEqual([21]);
    const plain = HEAD + '// Deployed next to a Redis Cluster, but this store keeps its own instance.\ntype Store struct {\n\trdb *redis.Client\n}\n\nfunc (s *Store) MGetChunks(ctx context.Context, chunks [][]string) error {\n\tpipe := s.rdb.Pipeline()\n\tfor _, chunk := range chunks {\n\t\tpipe.MGet(ctx, chunk...)\n\t}\n\t_, err := pipe.Exec(ctx)\n\treturn err\n}\n';
    expect(crossSlot(plain)).toEqual([]);
  });
});

describe('Go unbounded-collection-read: pass-through wrappers', () => {
  it('leaves a one-line method that hands its caller\'s key to the command alone, and still reports a read with work around it', () => {
    const wrapper = HEAD + 'type Redis struct {\n\tclient redis.UniversalClient\n}\n\nfunc (r *Redis) HGetAll(ctx context.Context, key string) *redis.MapStringStringCmd {\n\treturn r.client.HGetAll(ctx, key)\n}\n\nfunc (r *Redis) SMembers(ctx context.Context, key string, members ...interface{}) *redis.StringSliceCmd {\n\treturn r.client.SMembers(ctx, key)\n}\n';
    expect(linesOf('unbounded-collection-read', wrapper)).toEqual([]);
    const worked = HEAD + 'type Redis struct {\n\tclient redis.UniversalClient\n}\n\nfunc (r *Redis) Tags(ctx context.Context) ([]string, error) {\n\treturn r.client.SMembers(ctx, "tags:all").Result()\n}\n\nfunc (r *Redis) Members(ctx context.Context, key string) []string {\n\tout := r.client.SMembers(ctx, key).Val()\n\treturn out\n}\n';
    expect(linesOf('unbounded-collection-read', worked)).toEqual([15, 19]);
  });

  it('leaves a redigo wrapper alone that borrows a pooled connection for the one command, not one that reads a fixed key', () => {
    const redigo = 'package store\n\nimport "github.com/gomodule/redigo/redis"\n\ntype Client struct {\n\tpool *redis.Pool\n}\n\nfunc (c *Client) SMEMBERS(key string) ([]string, error) {\n\tconn := c.pool.Get()\n\tdefer conn.Close()\n\treturn redis.Strings(conn.Do("SMEMBERS", key))\n}\n\nfunc (c *Client) Online() ([]string, error) {\n\tconn := c.pool.Get()\n\tdefer conn.Close()\n\treturn redis.Strings(conn.Do("SMEMBERS", "online:users"))\n}\n';
    expect(linesOf('unbounded-collection-read', redigo)).toEqual([18]);
  });
});
