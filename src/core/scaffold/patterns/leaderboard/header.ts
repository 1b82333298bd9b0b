/** The opening comment and Lua script of the generated leaderboard modules. */
import type { ModuleHeader } from '../../header';

export function leaderboardHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'leaderboard',
    title: 'Leaderboard: one sorted set per board; ranks, top N, neighbours and pages are range reads.',
    why: [
      'A sorted set keeps members ordered by score on every write (skiplist + hash), so rank, top-N and',
      '"players around me" are O(log N) lookups plus the page size, never a sort at read time. Increments are',
      'atomic (ZINCRBY). The neighbourhood read runs rank + range in one script, so it cannot straddle a write.',
      'Optionally the board keeps only the best max_members (ZREMRANGEBYRANK after each add).',
    ],
    complexity: [
      'add, increment, rank, score, remove: O(log N).',
      'top(n), page(): O(log N + n); around(member, radius): O(log N + radius); size: O(1).',
    ],
    memory: ['About 100-120 bytes per member (skiplist node + dict entry + member string); listpack below 128 members, ~20 bytes each.'],
    keys: [`${prefix}:<board> (sorted set, no TTL: boards are kept; pass max_members to bound them). One key per call.`],
    limits: ['Equal scores are ordered by member name (reverse lexicographic in these descending views).'],
  };
}

/** KEYS[1] board; ARGV[1] member, ARGV[2] radius. Returns {first rank, member, score, member, score, ...} or {}. */
export const AROUND_LUA = [
  "local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])",
  'if not rank then return {} end',
  'local first = math.max(0, rank - tonumber(ARGV[2]))',
  "local rows = redis.call('ZREVRANGE', KEYS[1], first, rank + tonumber(ARGV[2]), 'WITHSCORES')",
  'table.insert(rows, 1, first)',
  'return rows',
];
