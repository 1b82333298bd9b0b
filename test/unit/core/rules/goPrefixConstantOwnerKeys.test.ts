/**
 * Go keys built by a key method of the repository from a prefix constant of another package and the owner's id
 * (`func (r *repo) basketKey(userID int64) string { return fmt.Sprintf("%s%d", keys.BasketPrefix, userID) }`):
 * the constant's name says what the key holds, the argument whose id it is. A whole read of one user's basket
 * (unbounded-collection-read) and a DEL of it (del-large-key) are one owner's collection, as they are with the
 * literal `basket:%d`. Tricky negatives, still reported: the same builder over a prefix that names a feed or the
 * user's followers (they grow with an audience or with time), a key built from a prefix and a room id (a gathering
 * place), a prefix constant with no owner id, and a DEL of a global collection filled element by element.
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
  return reviewSource(parsers, text, { path: 'repo/basket/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1);
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const HEAD = 'package store\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n\n\t"shop/basket/keys"\n)\n\ntype basketStore struct{ rdb *redis.Client }\n\n';

function store(prefix: string, idName: string): string {
  return `${HEAD}func (r *basketStore) itemsKey(${idName} int64) string {
\treturn fmt.Sprintf("%s%d", ${prefix}, ${idName})
}

func (r *basketStore) Add(ctx context.Context, ${idName} int64, sku string, data []byte) error {
\tkey := r.itemsKey(${idName})
\treturn r.rdb.HSet(ctx, key, sku, data).Err()
}

func (r *basketStore) All(ctx context.Context, ${idName} int64) (map[string]string, error) {
\tkey := r.itemsKey(${idName})
\treturn r.rdb.HGetAll(ctx, key).Result()
}

func (r *basketStore) Clear(ctx context.Context, ${idName} int64) error {
\tkey := r.itemsKey(${idName})
\treturn r.rdb.Del(ctx, key).Err()
}
`;
}

describe('keys built from a prefix constant and the owner id', () => {
  it('reads and deletes one user\'s basket without a report', () => {
    for (const prefix of ['keys.BasketKeyPrefix', 'keys.BASKET_PREFIX', 'basketPrefix']) {
      const text = store(prefix, 'userID');
      expect(lines(text, 'unbounded-collection-read'), prefix).toEqual([]);
      expect(lines(text, 'del-large-key'), prefix).toEqual([]);
    }
  });

  it('still reports a user\'s feed or followers built the same way', () => {
    for (const prefix of ['keys.FeedKeyPrefix', 'keys.FOLLOWERS_PREFIX']) {
      const text = store(prefix, 'userID');
      expect(lines(text, 'unbounded-collection-read'), prefix).toEqual([lineOf(text, 'HGetAll')]);
      expect(lines(text, 'del-large-key'), prefix).toEqual([lineOf(text, 'r.rdb.Del')]);
    }
  });

  it('still reports a room\'s members built from a prefix and the room id', () => {
    const text = store('keys.MembersPrefix', 'roomID');
    expect(lines(text, 'unbounded-collection-read')).toEqual([lineOf(text, 'HGetAll')]);
    expect(lines(text, 'del-large-key')).toEqual([lineOf(text, 'r.rdb.Del')]);
  });

  it('still reports a global collection named by a prefix constant alone', () => {
    const text = `${HEAD}func (r *basketStore) Add(ctx context.Context, sku string, data []byte) error {
\treturn r.rdb.HSet(ctx, keys.BasketKeyPrefix+"all", sku, data).Err()
}

func (r *basketStore) All(ctx context.Context) (map[string]string, error) {
\treturn r.rdb.HGetAll(ctx, keys.BasketKeyPrefix+"all").Result()
}

func (r *basketStore) Clear(ctx context.Context) error {
\treturn r.rdb.Del(ctx, keys.BasketKeyPrefix+"all").Err()
}
`;
    expect(lines(text, 'unbounded-collection-read')).toEqual([lineOf(text, 'HGetAll')]);
    expect(lines(text, 'del-large-key')).toEqual([lineOf(text, 'r.rdb.Del')]);
  });
});
