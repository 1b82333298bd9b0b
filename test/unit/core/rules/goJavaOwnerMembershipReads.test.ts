/**
 * unbounded-collection-read in Go and Java follows the same definition of one owner's collection as in Python and
 * JavaScript: a set, hash or sorted set keyed by an individual owner's id (a user's roles, a cart, an account's
 * devices) holds what one owner has and is not reported. Tricky negatives, still reported: the same owner's
 * followers or history (they grow with an audience or with events), a key that is the owner's id alone, a room's
 * members (a gathering place, not one owner), a global set of every owner, and one user's list read whole.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { formatCallAsTemplate } from '../../../../src/core/rules/support/ownerMemberships';
import { loadParsers } from './parsersForTests';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function goReadLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'store/users.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const javaLines = javaFindingLines();

const GO_HEAD = 'package store\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Store struct{ rdb *redis.Client }\n\n';

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('format calls read as key templates', () => {
  it('turns fmt.Sprintf and String.format into the template they denote, and leaves other expressions as written', () => {
    expect(formatCallAsTemplate('fmt.Sprintf("owners:%s:agents", owner.ID)').source).toBe('"owners:{owner.ID}:agents"');
    expect(formatCallAsTemplate('String.format("cart:%d:%s", userId, f(a, b))').source).toBe('"cart:{userId}:{f(a, b)}"');
    expect(formatCallAsTemplate('fmt.Sprintf("100%%:%s", userID)').source).toBe('"100%:{userID}"');
    expect(formatCallAsTemplate('"cart:" + userID').source).toBe('"cart:" + userID');
  });
});

describe('Go unbounded-collection-read on one owner\'s memberships', () => {
  it('leaves out a user\'s roles, a cart hash and an account\'s devices', () => {
    const text = `${GO_HEAD}func (s *Store) Roles(ctx context.Context, userID string) ([]string, error) {
\treturn s.rdb.SMembers(ctx, "user:"+userID+":roles").Result()
}

func (s *Store) Cart(ctx context.Context, userID string) (map[string]string, error) {
\tkey := fmt.Sprintf("cart:%s", userID)
\treturn s.rdb.HGetAll(ctx, key).Result()
}

func (s *Store) Devices(ctx context.Context, accountID string) ([]string, error) {
\treturn s.rdb.ZRange(ctx, fmt.Sprintf("account:%s:devices", accountID), 0, -1).Result()
}
`;
    expect(goReadLines(text)).toEqual([]);
  });

  it('still reports followers, history, a bare id, a room\'s members, a global set and a user\'s list', () => {
    const text = `${GO_HEAD}func (s *Store) Followers(ctx context.Context, userID string) ([]string, error) {
\treturn s.rdb.SMembers(ctx, "user:"+userID+":followers").Result()
}

func (s *Store) History(ctx context.Context, userID string) ([]string, error) {
\treturn s.rdb.ZRange(ctx, fmt.Sprintf("history:%s", userID), 0, -1).Result()
}

func (s *Store) Bare(ctx context.Context, userID string) ([]string, error) {
\tkey := fmt.Sprintf("%s", userID)
\treturn s.rdb.SMembers(ctx, key).Result()
}

func (s *Store) RoomUsers(ctx context.Context, roomID string) ([]string, error) {
\treturn s.rdb.SMembers(ctx, "room:"+roomID+":users").Result()
}

func (s *Store) Online(ctx context.Context) ([]string, error) {
\treturn s.rdb.SMembers(ctx, "online_users").Result()
}

func (s *Store) Visits(ctx context.Context, userID string) ([]string, error) {
\treturn s.rdb.LRange(ctx, "cart:"+userID, 0, -1).Result()
}
`;
    expect(goReadLines(text)).toEqual([
      lineOf(text, 'SMembers(ctx, "user:"+userID+":followers"'),
      lineOf(text, 'ZRange(ctx, fmt.Sprintf("history'),
      lineOf(text, 'SMembers(ctx, key)'),
      lineOf(text, 'SMembers(ctx, "room:"'),
      lineOf(text, 'SMembers(ctx, "online_users"'),
      lineOf(text, 'LRange(ctx, "cart:"'),
    ]);
  });
});

describe('Java unbounded-collection-read on one owner\'s memberships', () => {
  const shape = {
    imports: ['import java.util.*;', 'import redis.clients.jedis.JedisPooled;'],
    declaration: 'public class Carts',
    fields: ['    private final JedisPooled jedis = new JedisPooled();'],
  };

  it('leaves out a user\'s roles, a cart hash and a customer\'s addresses', () => {
    const text = javaClassSource(shape, [
      '    Set<String> roles(String userId) {',
      '        return jedis.smembers("user:" + userId + ":roles");',
      '    }',
      '',
      '    Map<String, String> cart(String userId) {',
      '        String key = String.format("cart:%s", userId);',
      '        return jedis.hgetAll(key);',
      '    }',
      '',
      '    Set<String> addresses(long customerId) {',
      '        return jedis.hkeys("customer:" + customerId + ":addresses");',
      '    }',
    ].join('\n'));
    expect(javaLines('unbounded-collection-read', text)).toEqual([]);
  });

  it('still reports followers, a bare id, a room\'s members, a global set and a user\'s list', () => {
    const body = [
      '    Set<String> followers(String userId) {',
      '        return jedis.smembers("user:" + userId + ":followers");',
      '    }',
      '',
      '    Set<String> bare(String userId) {',
      '        return jedis.smembers(userId);',
      '    }',
      '',
      '    Set<String> roomUsers(String roomId) {',
      '        return jedis.smembers("room:" + roomId + ":users");',
      '    }',
      '',
      '    Set<String> online() {',
      '        return jedis.smembers("online_users");',
      '    }',
      '',
      '    List<String> cartLines(String userId) {',
      '        return jedis.lrange("cart:" + userId, 0, -1);',
      '    }',
    ].join('\n');
    const text = javaClassSource(shape, body);
    expect(javaLines('unbounded-collection-read', text)).toEqual(
      ['smembers("user:"', 'smembers(userId)', 'smembers("room:"', 'smembers("online_users")', 'lrange("cart:"'].map((needle) => lineOf(text, needle)),
    );
  });
});
