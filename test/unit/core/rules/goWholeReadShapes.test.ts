/**
 * unbounded-collection-read on Go: an HGETALL decoded into a struct with `.Scan(&v)` reads one record; a sorted-set
 * read from a score computed from the current time up to +inf reads a recent window; a range from 0 whose stop is a
 * local set to -1 on some path (no count in the request) reads the whole collection on that path; and the key a
 * builder method of the file returns (`r.userSessionsKey(id)`) is read through the builder's template, so one user's
 * sessions are that owner's membership. Tricky opposites: the same HGETALL returned as a map, a +inf read from a
 * fixed score, a stop that is never -1, a builder of a shared set.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function readLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'store/reads.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const HEAD = ['package store', '', 'import (', '\t"context"', '\t"fmt"', '\t"strconv"', '\t"time"', '', '\t"github.com/redis/go-redis/v9"', ')', '', 'type Repo struct{ rdb *redis.Client }', ''];

function file(...lines: string[]): string {
  return [...HEAD, ...lines, ''].join('\n');
}

describe('whole reads in Go: records, windows, stops and key builders', () => {
  it('reads a hash decoded into a struct as a record, a hash returned as a map as a collection', () => {
    const text = file(
      'type profile struct {',
      '\tID   string `redis:"id"`',
      '\tName string `redis:"name"`',
      '}',
      '',
      'func (r *Repo) Profile(ctx context.Context, id string) (*profile, error) {',
      '\tvar p profile',
      '\terr := r.rdb.HGetAll(ctx, fmt.Sprintf("profile:%s", id)).Scan(&p)',
      '\treturn &p, err',
      '}',
      '',
      'func (r *Repo) Settings(ctx context.Context) (map[string]string, error) {',
      '\treturn r.rdb.HGetAll(ctx, "feature:flags").Result()',
      '}',
    );
    expect(readLines(text)).toEqual([26]);
  });

  it('reads members scored since a recent time as a window, members from a fixed score as everything', () => {
    const text = file(
      'func (r *Repo) LiveNodes(ctx context.Context, service string, ttl time.Duration) ([]string, error) {',
      '\treturn r.rdb.ZRangeByScore(ctx, "registry:"+service, &redis.ZRangeBy{',
      '\t\tMin: strconv.FormatInt(time.Now().Add(-ttl).Unix(), 10),',
      '\t\tMax: "+inf",',
      '\t}).Result()',
      '}',
      '',
      'func (r *Repo) AllScores(ctx context.Context) ([]string, error) {',
      '\treturn r.rdb.ZRangeByScore(ctx, "scores", &redis.ZRangeBy{Min: "0", Max: "+inf"}).Result()',
      '}',
    );
    expect(readLines(text)).toEqual([22]);
  });

  it('reports a range whose stop a path sets to -1, not one whose stop is always a page end', () => {
    const text = file(
      'func (r *Repo) Board(ctx context.Context, set, count string) ([]redis.Z, error) {',
      '\tvar stop int64',
      '\tif n, err := strconv.ParseInt(count, 10, 64); err == nil {',
      '\t\tstop = n - 1',
      '\t} else {',
      '\t\tstop = -1',
      '\t}',
      '\treturn r.rdb.ZRevRangeWithScores(ctx, set, 0, stop).Result()',
      '}',
      '',
      'func (r *Repo) Page(ctx context.Context, set string, size int64) ([]string, error) {',
      '\tstop := size - 1',
      '\treturn r.rdb.ZRevRange(ctx, set, 0, stop).Result()',
      '}',
    );
    expect(readLines(text)).toEqual([21]);
  });

  it('reads a key made by a builder method through its template: one user\'s sessions, not a shared index', () => {
    const text = file(
      'func (r *Repo) userSessionsKey(userID string) string {',
      '\treturn fmt.Sprintf("user_sessions:%s", userID)',
      '}',
      '',
      'func (r *Repo) onlineKey(region string) string {',
      '\treturn fmt.Sprintf("online:%s", region)',
      '}',
      '',
      'func (r *Repo) Sessions(ctx context.Context, userID string) ([]string, error) {',
      '\treturn r.rdb.SMembers(ctx, r.userSessionsKey(userID)).Result()',
      '}',
      '',
      'func (r *Repo) Online(ctx context.Context, region string) ([]string, error) {',
      '\treturn r.rdb.SMembers(ctx, r.onlineKey(region)).Result()',
      '}',
    );
    expect(readLines(text)).toEqual([27]);
  });
});
