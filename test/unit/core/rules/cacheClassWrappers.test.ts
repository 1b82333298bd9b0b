/** cache-write-without-ttl: the write method of a class named for a cache, whose key is the method's parameter. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function ttlLines(path: string, text: string): number[] {
  const language = path.endsWith('.py') ? 'python' : 'typescript';
  return reviewSource(parsers, text, { path, language })
    .findings.filter((f) => f.ruleId === 'cache-write-without-ttl')
    .map((f) => f.span.start.line + 1);
}

describe('cache-write-without-ttl in the write method of a cache class', () => {
  it('reports a Python cache class whose set(key, value) writes with no TTL', () => {
    const text = 'import redis\n\n\nclass RedisCache:\n    client = redis.StrictRedis()\n\n    def set(self, key, value):\n        return RedisCache.client.set(key, value)\n\n    def get(self, key):\n        return RedisCache.client.get(key)\n';
    expect(ttlLines('models/redis_cache.py', text)).toEqual([8]);
  });

  it('reports a TypeScript cache service whose set(key, value) writes with no TTL', () => {
    const text = "import Redis from 'ioredis';\n\nexport class CacheService {\n  constructor(private readonly redis: Redis) {}\n\n  async set(key: string, value: string) {\n    await this.redis.set(key, value);\n  }\n}\n";
    expect(ttlLines('src/cache.service.ts', text)).toEqual([7]);
  });

  it('does not report a cache class whose set offers a TTL, a fixed key, a SETNX flag, or a class not named for a cache', () => {
    const optional = 'import redis\n\n\nclass RedisCache:\n    def __init__(self):\n        self.r = redis.Redis()\n\n    def set(self, key, value, ttl=None):\n        if ttl:\n            return self.r.set(key, value, ex=ttl)\n        return self.r.set(key, value)\n';
    expect(ttlLines('app/cache.py', optional)).toEqual([]);
    const session = 'import redis\n\n\nclass SessionStore:\n    def __init__(self):\n        self.r = redis.Redis()\n\n    def save(self, key, value):\n        self.r.set(key, value)\n';
    expect(ttlLines('app/sessions.py', session)).toEqual([]);
    const helper = 'import redis\n\nr = redis.Redis()\n\n\nclass CacheWarmer:\n    def mark(self, job_id):\n        r.set("warmer:last", job_id)\n';
    expect(ttlLines('app/warmer.py', helper)).toEqual([]);
    const flag = "import Redis from 'ioredis';\n\nexport class CacheService {\n  constructor(private readonly redis: Redis) {}\n\n  setNx(key: string, value: string) {\n    return this.redis.setnx(key, value);\n  }\n}\n";
    expect(ttlLines('src/cache.service.ts', flag)).toEqual([]);
  });
});
