/**
 * The Go checks of unbounded-list-growth, big-set-algebra and sort-command, in go-redis, redigo and rueidis
 * spellings: pushes nothing trims, pops or expires, set algebra on sets not small by construction, and SORT;
 * with the shapes that look alike and are not reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const GO_REDIS = 'package app\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\n';
const REDIGO = 'package app\n\nimport (\n\t"github.com/gomodule/redigo/redis"\n)\n\nvar pool = &redis.Pool{Dial: func() (redis.Conn, error) { return redis.Dial("tcp", "localhost:6379") }}\n\n';
const RUEIDIS = 'package app\n\nimport (\n\t"context"\n\n\t"github.com/redis/rueidis"\n)\n\n';

/** The lines (1-based, counted in the body) the rule reports. */
function lines(head: string, body: string, ruleId: string): number[] {
  return reviewSource(parsers, head + body, { path: 'app/app.go', language: 'go' })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => f.span.start.line + 1 - (head.split('\n').length - 1));
}

describe('Go unbounded-list-growth', () => {
  it('reports pushes to lists that nothing in the file trims, pops or expires, in each client', () => {
    const goRedis = [
      'func Record(ctx context.Context, room, msg string) {',
      '\trdb.RPush(ctx, "history:"+room, msg)',
      '\trdb.LPush(ctx, fmt.Sprintf("log:%s", room), msg)',
      '}',
      '',
    ].join('\n');
    expect(lines(GO_REDIS, goRedis, 'unbounded-list-growth')).toEqual([2, 3]);
    const redigo = [
      'func Record(room, msg string) error {',
      '\tconn := pool.Get()',
      '\tdefer conn.Close()',
      '\t_, err := conn.Do("LPUSH", "recent:"+room, msg)',
      '\treturn err',
      '}',
      '',
    ].join('\n');
    expect(lines(REDIGO, redigo, 'unbounded-list-growth')).toEqual([4]);
    const rueidis = [
      'func Record(ctx context.Context, client rueidis.Client, room, msg string) error {',
      '\treturn client.Do(ctx, client.B().Rpush().Key("events:"+room).Element(msg).Build()).Error()',
      '}',
      '',
    ].join('\n');
    expect(lines(RUEIDIS, rueidis, 'unbounded-list-growth')).toEqual([2]);
  });

  it('leaves a list capped by LTRIM in the same function or a pipeline, consumed by BRPOP/RPOP of the same key family, or given a TTL', () => {
    const body = [
      'func Post(ctx context.Context, room, msg string) {',
      '\tkey := "history:" + room',
      '\trdb.RPush(ctx, key, msg)',
      '\trdb.LTrim(ctx, key, -1000, -1)',
      '}',
      '',
      'func Recent(ctx context.Context, user, item string) {',
      '\tpipe := rdb.TxPipeline()',
      '\tpipe.LPush(ctx, "recent:"+user, item)',
      '\tpipe.LTrim(ctx, "recent:"+user, 0, 99)',
      '\tpipe.Exec(ctx)',
      '}',
      '',
      'func Emit(ctx context.Context, id, event string) {',
      '\trdb.LPush(ctx, "events:"+id, event)',
      '}',
      '',
      'func Drain(ctx context.Context, other string) {',
      '\trdb.BRPop(ctx, 0, "events:"+other)',
      '}',
      '',
      'func Audit(ctx context.Context, day, line string) {',
      '\trdb.RPush(ctx, "audit:"+day, line)',
      '\trdb.Expire(ctx, "audit:"+day, 48*time.Hour)',
      '}',
      '',
      'func Tags(ctx context.Context, tag string) []string {',
      '\tvar tags []string',
      '\ttags = append(tags, tag)',
      '\treturn tags',
      '}',
      '',
    ].join('\n');
    expect(lines(GO_REDIS, body, 'unbounded-list-growth')).toEqual([]);
  });

  it('leaves a redigo list popped with RPOP and a queue type pushing to its own list, but reports a list of another key family', () => {
    const redigo = [
      'func Log(msg string) {',
      '\tconn := pool.Get()',
      '\tdefer conn.Close()',
      '\tconn.Do("RPUSH", "log:app", msg)',
      '\tconn.Do("RPUSH", "log:audit", msg)',
      '}',
      '',
      'func Next() (string, error) {',
      '\tconn := pool.Get()',
      '\tdefer conn.Close()',
      '\treturn redis.String(conn.Do("LPOP", "log:app"))',
      '}',
      '',
    ].join('\n');
    expect(lines(REDIGO, redigo, 'unbounded-list-growth')).toEqual([5]);
    const queue = [
      'type Queue struct {',
      '\tClient *redis.Client',
      '\tName   string',
      '}',
      '',
      'func (q Queue) Push(ctx context.Context, data string) error {',
      '\treturn q.Client.LPush(ctx, q.Name, data).Err()',
      '}',
      '',
      'type Feed struct {',
      '\tClient *redis.Client',
      '\tName   string',
      '}',
      '',
      'func (f *Feed) Push(ctx context.Context, data string) error {',
      '\treturn f.Client.LPush(ctx, f.Name, data).Err()',
      '}',
      '',
    ].join('\n');
    expect(lines(GO_REDIS, queue, 'unbounded-list-growth')).toEqual([16]);
  });
});

describe('Go big-set-algebra', () => {
  it('reports set algebra on built keys in each client', () => {
    const goRedis = [
      'func Common(ctx context.Context, a, b string) ([]string, error) {',
      '\treturn rdb.SInter(ctx, "tag:"+a, "tag:"+b).Result()',
      '}',
      '',
      'func Merge(ctx context.Context, day string) error {',
      '\treturn rdb.ZUnionStore(ctx, "board:"+day, &redis.ZStore{Keys: []string{"board:a:" + day, "board:b:" + day}}).Err()',
      '}',
      '',
    ].join('\n');
    expect(lines(GO_REDIS, goRedis, 'big-set-algebra')).toEqual([2, 6]);
    const redigo = [
      'func Everyone(team string) ([]string, error) {',
      '\tconn := pool.Get()',
      '\tdefer conn.Close()',
      '\treturn redis.Strings(conn.Do("SUNION", "team:"+team, "visitors:all"))',
      '}',
      '',
      'func Store(dst, team string) error {',
      '\tconn := pool.Get()',
      '\tdefer conn.Close()',
      '\targs := redis.Args{}.Add(dst).Add("team:" + team).Add("visitors:all")',
      '\t_, err := conn.Do("SUNIONSTORE", args...)',
      '\treturn err',
      '}',
      '',
    ].join('\n');
    expect(lines(REDIGO, redigo, 'big-set-algebra')).toEqual([4, 11]);
    const rueidis = [
      'func Diff(ctx context.Context, client rueidis.Client, a string) ([]string, error) {',
      '\treturn client.Do(ctx, client.B().Sdiff().Key("seen:"+a, "sent:"+a).Build()).AsStrSlice()',
      '}',
      '',
    ].join('\n');
    expect(lines(RUEIDIS, rueidis, 'big-set-algebra')).toEqual([2]);
  });

  it("leaves sets small by construction, a one-set copy, and wrappers of the caller's keys (also built into a redigo argument list or mapped through a key builder)", () => {
    const goRedis = [
      'func Seed(ctx context.Context) {',
      '\trdb.SAdd(ctx, "roles:editor", "read", "write")',
      '\trdb.SAdd(ctx, "roles:admin", "delete")',
      '}',
      '',
      'func Powers(ctx context.Context) []string {',
      '\treturn rdb.SUnion(ctx, "roles:editor", "roles:admin").Val()',
      '}',
      '',
      'func Snapshot(ctx context.Context, day string) {',
      '\trdb.SUnionStore(ctx, "copy:"+day, "online:"+day)',
      '}',
      '',
      'func Common(ctx context.Context, a, b string) []string {',
      '\treturn rdb.SInter(ctx, a, b).Val()',
      '}',
      '',
      'func Top(ctx context.Context, dst string, minutes []string) error {',
      '\tkeys := make([]string, 0, len(minutes))',
      '\tfor _, m := range minutes {',
      '\t\tkeys = append(keys, bucketKey(m))',
      '\t}',
      '\tstore := &redis.ZStore{',
      '\t\tKeys:      keys,',
      '\t\tAggregate: "SUM",',
      '\t}',
      '\treturn rdb.ZUnionStore(ctx, dst, store).Err()',
      '}',
      '',
    ].join('\n');
    expect(lines(GO_REDIS, goRedis, 'big-set-algebra')).toEqual([]);
    const redigo = [
      'func InterMin(dst string, keys ...string) (bool, error) {',
      '\tconn := pool.Get()',
      '\tdefer conn.Close()',
      '\targs := redis.Args{}.Add(dst).Add(len(keys))',
      '\tfor _, k := range keys {',
      '\t\targs = args.Add(k)',
      '\t}',
      '\targs = args.Add("aggregate").Add("min")',
      '\treturn redis.Bool(conn.Do("ZINTERSTORE", args...))',
      '}',
      '',
    ].join('\n');
    expect(lines(REDIGO, redigo, 'big-set-algebra')).toEqual([]);
  });
});

describe('Go sort-command', () => {
  it('reports SORT in each client, and leaves a plain SORT of a literal list the file fills with a few literal items', () => {
    const goRedis = [
      'func Ranked(ctx context.Context) []string {',
      '\treturn rdb.Sort(ctx, "players", &redis.Sort{By: "score_*", Order: "DESC"}).Val()',
      '}',
      '',
      'func Ids(ctx context.Context, user string) []string {',
      '\treturn rdb.Sort(ctx, "ids:"+user, &redis.Sort{}).Val()',
      '}',
      '',
      'func Demo(ctx context.Context) []string {',
      '\trdb.RPush(ctx, "sort-input", 23, 15, 7)',
      '\treturn rdb.Sort(ctx, "sort-input", &redis.Sort{}).Val()',
      '}',
      '',
    ].join('\n');
    expect(lines(GO_REDIS, goRedis, 'sort-command')).toEqual([2, 6]);
    const redigo = [
      'func Ranked() ([]string, error) {',
      '\tconn := pool.Get()',
      '\tdefer conn.Close()',
      '\treturn redis.Strings(conn.Do("SORT", "players", "BY", "score_*"))',
      '}',
      '',
    ].join('\n');
    expect(lines(REDIGO, redigo, 'sort-command')).toEqual([4]);
    const rueidis = [
      'func Ranked(ctx context.Context, client rueidis.Client) ([]string, error) {',
      '\treturn client.Do(ctx, client.B().Sort().Key("players").By("score_*").Build()).AsStrSlice()',
      '}',
      '',
    ].join('\n');
    expect(lines(RUEIDIS, rueidis, 'sort-command')).toEqual([2]);
  });
});
