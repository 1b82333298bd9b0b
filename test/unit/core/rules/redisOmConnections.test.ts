/**
 * redis-om's `get_redis_connection()` returns the redis-py client its models use (`aredis_om`: a redis.asyncio one),
 * so the commands a file sends on it are judged like those on `redis.Redis()`. Tricky negative: a project helper of
 * the same name imported from the project's own module is not taken for it.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('clients from redis-om get_redis_connection', () => {
  it('reports CONFIG SET and SMEMBERS on a redis-om connection held in an attribute', () => {
    const text = `from redis_om import get_redis_connection


class Store:
    def __init__(self, host, port, maxmemory=None):
        self.con = get_redis_connection(host=host, port=port)
        self.tune(maxmemory)

    def tune(self, maxmemory):
        if maxmemory:
            self.con.config_set("maxmemory", maxmemory)

    def all_ids(self):
        return self.con.smembers("ids")
`;
    expect(findingLines.inFile('admin-command-in-app', { path: 'app/store.py', text })).toEqual([11]);
    expect(findingLines.inFile('unbounded-collection-read', { path: 'app/store.py', text })).toEqual([14]);
  });

  it('reports CONFIG SET on an aredis_om connection', () => {
    const text = `from aredis_om import get_redis_connection

con = get_redis_connection(url="redis://cache:6379")


async def tune():
    await con.config_set("maxmemory-policy", "allkeys-lru")
`;
    expect(findingLines.inFile('admin-command-in-app', { path: 'app/tune.py', text })).toEqual([7]);
  });

  it('does not take a project helper of the same name for it', () => {
    const text = `from app.settings import get_redis_connection

settings = get_redis_connection(section="cache")


def tune(value):
    settings.config_set("maxmemory", value)
`;
    expect(findingLines.inFile('admin-command-in-app', { path: 'app/tune.py', text })).toEqual([]);
  });
});
