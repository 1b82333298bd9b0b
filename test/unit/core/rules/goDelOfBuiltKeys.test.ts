/**
 * del-large-key on Go: a key built by a function of the same file (`func (s *FeedStore) feedKey(ch string) string
 * { return fmt.Sprintf("feed:%s", ch) }`) names the same collection where it is filled (through a local,
 * `key := s.feedKey(ch)`) and where it is deleted (`Del(ctx, s.feedKey(ch))`, or another local). Tricky negatives: a
 * builder whose key holds a string, the same builder with another literal argument (`s.key("info", id)` next to
 * the filled `s.key("members", id)`), a builder for one user's own collection, and a builder that prefixes any key
 * (`wrap(token)` for token strings, `wrap(user)` for the user's token set).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function delLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'feeds/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

const SRC = [
  'package feeds',
  '',
  'import (',
  '\t"context"',
  '\t"fmt"',
  '\t"time"',
  '',
  '\t"github.com/redis/go-redis/v9"',
  ')',
  '',
  'type FeedStore struct{ rdb *redis.Client }',
  '',
  'func (s *FeedStore) feedKey(channel string) string { return fmt.Sprintf("feed:channel:%s", channel) }',
  'func (s *FeedStore) titleKey(channel string) string { return fmt.Sprintf("feed:title:%s", channel) }',
  'func (s *FeedStore) key(kind, id string) string     { return fmt.Sprintf("group:%s:%s", kind, id) }',
  'func userRoomsKey(uid string) string                 { return "user:" + uid + ":rooms" }',
  'func wrap(key string) string                         { return "app:" + key }',
  '',
  'func (s *FeedStore) Publish(ctx context.Context, channel, msg string) error {',
  '\tkey := s.feedKey(channel)',
  '\treturn s.rdb.LPush(ctx, key, msg).Err()',
  '}',
  '',
  'func (s *FeedStore) Rename(ctx context.Context, channel, title string) error {',
  '\treturn s.rdb.Set(ctx, s.titleKey(channel), title, time.Hour).Err()',
  '}',
  '',
  'func (s *FeedStore) Join(ctx context.Context, group, uid string) error {',
  '\tif err := s.rdb.SAdd(ctx, s.key("members", group), uid).Err(); err != nil {',
  '\t\treturn err',
  '\t}',
  '\treturn s.rdb.SAdd(ctx, userRoomsKey(uid), group).Err()',
  '}',
  '',
  'func (s *FeedStore) Close(ctx context.Context, channel string) error {',
  '\treturn s.rdb.Del(ctx, s.feedKey(channel)).Err()',
  '}',
  '',
  'func (s *FeedStore) Archive(ctx context.Context, channel string) error {',
  '\tkey := s.feedKey(channel)',
  '\treturn s.rdb.Del(ctx, key).Err()',
  '}',
  '',
  'func (s *FeedStore) Untitle(ctx context.Context, channel string) error {',
  '\treturn s.rdb.Del(ctx, s.titleKey(channel)).Err()',
  '}',
  '',
  'func (s *FeedStore) Disband(ctx context.Context, group string) error {',
  '\tif err := s.rdb.Del(ctx, s.key("info", group)).Err(); err != nil {',
  '\t\treturn err',
  '\t}',
  '\treturn s.rdb.Del(ctx, s.key("members", group)).Err()',
  '}',
  '',
  'func (s *FeedStore) Forget(ctx context.Context, uid string) error {',
  '\treturn s.rdb.Del(ctx, userRoomsKey(uid)).Err()',
  '}',
  '',
  'func (s *FeedStore) Login(ctx context.Context, user, token string) error {',
  '\tif err := s.rdb.Set(ctx, wrap(token), user, time.Hour).Err(); err != nil {',
  '\t\treturn err',
  '\t}',
  '\treturn s.rdb.SAdd(ctx, wrap(user), token).Err()',
  '}',
  '',
  'func (s *FeedStore) Logout(ctx context.Context, token string) error {',
  '\treturn s.rdb.Del(ctx, wrap(token)).Err()',
  '}',
  '',
].join('\n');

describe('Go del-large-key: keys made by a builder function of the file', () => {
  it('reports DEL of the filled families only, not strings, other literal arguments or one user\'s own set', () => {
    expect(delLines(SRC)).toEqual([36, 41, 52]);
  });
});
