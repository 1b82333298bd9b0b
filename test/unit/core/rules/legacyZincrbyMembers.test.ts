/**
 * unbounded-collection-read on a sorted set filled with ZINCRBY in redis-py 2.x argument order
 * (`zincrby(name, value, amount)`): the computed argument is the member, so the set grows with every user.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const HEADER = 'import redis\nr = redis.StrictRedis()\n\n';

function readLines(body: string): number[] {
  return findingLines.inFile('unbounded-collection-read', { path: 'app/views.py', text: HEADER + body });
}

describe('ZINCRBY members in redis-py 2.x order', () => {
  it('reports the whole read of a ranking incremented per user with the amount last', () => {
    expect(readLines("def user_detail(request, user):\n    r.zincrby('user_ranking', user.id, 1)\n    ranking = r.zrange('user_ranking', 0, -1, desc=True)[:10]\n    return ranking\n")).toEqual([6]);
  });

  it('still leaves out a set incremented only for fixed literal members, in either order', () => {
    expect(readLines("def medal(kind):\n    r.zincrby('medals', 1, 'gold')\n    return r.zrange('medals', 0, -1)\n")).toEqual([]);
    expect(readLines("def medal(kind):\n    r.zincrby('medals', 'gold', 1)\n    return r.zrange('medals', 0, -1)\n")).toEqual([]);
  });

  it('keeps the redis-py 3 order: a computed amount with a literal member is still a fixed member', () => {
    expect(readLines("def medal(points):\n    r.zincrby('medals', points, 'gold')\n    return r.zrange('medals', 0, -1)\n")).toEqual([]);
  });
});
