/**
 * del-large-key on Go: one user's own collection (the rooms a user is in, the tokens of one user) frees at once and is
 * not reported; a user's followers or inbox, a shared set of users, a user's list kept at a wide window and a user's
 * set read whole before the DEL still are.
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
  return reviewSource(parsers, text, { path: 'users/rooms.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package users\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Store struct{ rdb *redis.Client }\n\n';

describe('Go del-large-key: one user\'s own collection', () => {
  it('leaves out the DEL of the rooms hash of one user and of one user\'s token set', () => {
    const text = `${HEAD}func (s *Store) Join(ctx context.Context, userID, roomID, name string) error {
\treturn s.rdb.HSet(ctx, "rooms:user:"+userID, roomID, name).Err()
}

func (s *Store) Tokens(ctx context.Context, userID string, tokens []string) error {
\treturn s.rdb.SAdd(ctx, "tokens:"+userID, tokens).Err()
}

func (s *Store) LeaveAll(ctx context.Context, userID string) error {
\ts.rdb.Del(ctx, "tokens:"+userID)
\treturn s.rdb.Del(ctx, "rooms:user:"+userID).Err()
}
`;
    expect(delLines(text)).toEqual([]);
  });

  it('still reports a user\'s followers, a shared set of users, a wide window and a set read whole first', () => {
    const text = `${HEAD}func (s *Store) Follow(ctx context.Context, userID, follower string) error {
\ts.rdb.SAdd(ctx, "followers:"+userID, follower)
\ts.rdb.SAdd(ctx, "online_users", userID)
\ts.rdb.LPush(ctx, "recent:"+userID, follower)
\ts.rdb.LTrim(ctx, "recent:"+userID, 0, 999)
\treturn nil
}

func (s *Store) Reset(ctx context.Context, userID string) error {
\ts.rdb.Del(ctx, "followers:"+userID)
\ts.rdb.Del(ctx, "online_users")
\treturn s.rdb.Del(ctx, "recent:"+userID).Err()
}

func (s *Store) Drain(ctx context.Context, userID string) ([]string, error) {
\tpinned, err := s.rdb.SMembers(ctx, "pinned:"+userID).Result()
\tif err != nil {
\t\treturn nil, err
\t}
\treturn pinned, s.rdb.Del(ctx, "pinned:"+userID).Err()
}
`;
    expect(delLines(text)).toEqual([20, 21, 22, 30]);
  });
});
