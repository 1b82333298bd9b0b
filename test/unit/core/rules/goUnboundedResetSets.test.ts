/**
 * unbounded-collection-read on Go: a set that one function reads, deletes and refills with members written out (a
 * device's single-login token set; a user's would be one owner's membership, left alone whatever its shape) holds
 * only those members, and a set of the deployment's worker processes has one member per process. Tricky negatives kept reported: the same read when the refill spreads a caller's list, when
 * another function also adds to the set, and a set of the data's own entries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function unboundedLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'auth/sessions.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package auth\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Sessions struct{ rdb *redis.Client }\n\nfunc sessionsKey(device string) string { return "sessions:" + device }\n\n';

/** Line 14 holds the SMembers. */
function singleLogin(members: string): string {
  return `func (s *Sessions) Start(ctx context.Context, device, access, refresh string, extra []string) error {\n\told, err := s.rdb.SMembers(ctx, sessionsKey(device)).Result()\n\tif err != nil {\n\t\treturn err\n\t}\n\tif len(old) > 0 {\n\t\ts.rdb.Unlink(ctx, old...)\n\t}\n\tif err := s.rdb.Del(ctx, sessionsKey(device)).Err(); err != nil {\n\t\treturn err\n\t}\n\treturn s.rdb.SAdd(ctx, sessionsKey(device), ${members}).Err()\n}\n`;
}

describe('Go unbounded-collection-read: sets reset to a few members, registries of processes', () => {
  it('leaves the read of a set the function deletes and refills with two written-out members alone', () => {
    expect(unboundedLines(HEAD + singleLogin('access, refresh'))).toEqual([]);
  });

  it('reports it when the refill spreads a caller\'s list, or another function also adds to the set', () => {
    expect(unboundedLines(HEAD + singleLogin('extra...'))).toEqual([14]);
    const elsewhere = HEAD + singleLogin('access, refresh') + '\nfunc (s *Sessions) Remember(ctx context.Context, device, token string) error {\n\treturn s.rdb.SAdd(ctx, sessionsKey(device), token).Err()\n}\n';
    expect(unboundedLines(elsewhere)).toEqual([14]);
  });

  it('leaves the set of running processes alone and still reports the set of every active user', () => {
    const text = HEAD + 'func processesKey(ns string) string { return ns + ":processes" }\n\nfunc (s *Sessions) Processes(ctx context.Context, ns string) ([]string, error) {\n\treturn s.rdb.SMembers(ctx, processesKey(ns)).Result()\n}\n\nfunc (s *Sessions) Active(ctx context.Context) ([]string, error) {\n\treturn s.rdb.SMembers(ctx, "active_users").Result()\n}\n';
    expect(unboundedLines(text)).toEqual([20]);
  });
});
