/**
 * del-large-key on Go: a set that one function empties and refills with members written out (an account's token set
 * deleted at each single-login, then given the new access and refresh tokens) never holds more than those members,
 * so its DEL is not reported. (The key names an account, not a user: one user's own collection is small by
 * definition, see goDelOfOneUsersCollection.test.ts.) Tricky negatives kept reported: the same DEL when the refill spreads a caller's list,
 * and when another function of the file also adds to the set.
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
  return reviewSource(parsers, text, { path: 'auth/tokens.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'del-large-key')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package auth\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Auth struct{ rdb *redis.Client }\n\nfunc tokensKey(account string) string { return "tokens:" + account }\n\n';

function login(members: string): string {
  return `func (a *Auth) Login(ctx context.Context, account, access, refresh string, extra []string) error {\n\tif err := a.rdb.Del(ctx, tokensKey(account)).Err(); err != nil {\n\t\treturn err\n\t}\n\treturn a.rdb.SAdd(ctx, tokensKey(account), ${members}).Err()\n}\n`;
}

describe('Go del-large-key: a set reset and refilled in one function', () => {
  it('leaves the DEL of a set the function refills with two written-out members alone', () => {
    expect(delLines(HEAD + login('access, refresh'))).toEqual([]);
  });

  it('reports the DEL when the refill spreads a caller\'s list, or another function also adds to the set', () => {
    expect(delLines(HEAD + login('extra...'))).toEqual([14]);
    const elsewhere = HEAD + login('access, refresh') + '\nfunc (a *Auth) Remember(ctx context.Context, account, token string) error {\n\treturn a.rdb.SAdd(ctx, tokensKey(account), token).Err()\n}\n';
    expect(delLines(elsewhere)).toEqual([14]);
  });
});
