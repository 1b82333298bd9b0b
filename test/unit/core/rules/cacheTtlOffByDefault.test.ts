/** cache-write-without-ttl: TTLs that are off unless the caller passes one, and writes inside functions named cache. */
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

const PY = 'import pickle\nimport redis\n\nr = redis.Redis()\n';
const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('cache-write-without-ttl with a TTL that is off by default', () => {
  it('reports the SET of a cache decorator whose ex parameter defaults to None', () => {
    const text = `${PY}

def memoize(key, ex=None):
    def wrap(func):
        def run(*args):
            cache_key = key(*args)
            value = func(*args)
            r.set(cache_key, pickle.dumps(value), ex=ex)
            return value
        return run
    return wrap
`;
    expect(ttlLines('app/memo.py', text)).toEqual([12]);
  });

  it('reports the SET of a TypeScript decorator factory whose TTL parameter is optional', () => {
    const text = `${TS}
export function Cached(prefix: string, ttl?: number) {
  return function (target: any, name: string, descriptor: PropertyDescriptor) {
    const original = descriptor.value;
    descriptor.value = async function (...args: any[]) {
      const cachedValue = await redis.get(\`\${prefix}\${args[0]}\`);
      if (cachedValue) return cachedValue;
      const result = await original.apply(this, args);
      await redis.set(\`\${prefix}\${args[0]}\`, result, 'EX', ttl);
      return result;
    };
  };
}
`;
    expect(ttlLines('src/cached.ts', text)).toEqual([12]);
  });

  it('does not take a function around the write for the write\'s own: the key or the writing function must say cache', () => {
    const text = `${TS}
const keyOf = (table: string, id: string) => [table, id].join(':');

export const cacheRows = <T extends { id: string }>(rows: T[], table: string) => {
  rows.forEach((row) => redis.set(keyOf(table, row.id), JSON.stringify(row)));
  return rows;
};
`;
    expect(ttlLines('src/rows.ts', text)).toEqual([]);
  });

  it('does not report a wrapper that branches on its optional TTL: going without one is the caller\'s choice', () => {
    const text = `${TS}
export async function cacheSet(key: string, value: string, ttl?: number) {
  if (ttl) return redis.set(key, value, 'EX', ttl);
  return redis.set(key, value);
}
`;
    expect(ttlLines('src/wrapper.ts', text)).toEqual([]);
  });

  it('follows the callers in the file: reported through a helper that leaves the TTL out, not when every call passes one', () => {
    const text = `${PY}

class Store:
    def cached(self, cache_key, ex=None):
        def wrap(func):
            def run(*args):
                value = func(*args)
                r.set(cache_key, pickle.dumps(value), ex=ex)
                return value
            return run
        return wrap

    def refresh_cache(self, cache_key, ex=None):
        def wrap(func):
            def run(*args):
                value = func(*args)
                r.set(cache_key, pickle.dumps(value), ex=ex)
                return value
            return run
        return wrap

    def pickled(self, key, ex=None):
        return self.cached(key, ex)


class Profile:
    def __init__(self, store, uid):
        self.load = store.pickled(f"profile:{uid}")(self.fetch)
        self.renew = store.refresh_cache(f"token:{uid}", ex=600)(self.fetch)
`;
    expect(ttlLines('app/store.py', text)).toEqual([12]);
  });

  it('does not report a TTL parameter with a real default, nor one the caller must pass', () => {
    const text = `${PY}

def memoize(key, ex=3600):
    def wrap(func):
        def run(*args):
            value = func(*args)
            r.set(key(*args), pickle.dumps(value), ex=ex)
            return value
        return run
    return wrap


def cache_put(name, value, ttl):
    r.set(name, value, ex=ttl)
`;
    expect(ttlLines('app/memo.py', text)).toEqual([]);
  });

  it('does not read a cache-named function past its dedent into the next function', () => {
    const text = `${PY}

def cache_settings(values):
    for name, value in values.items():
        r.set(f"cached:{name}", value, ex=60)


def store_profile(uid, profile):
    r.set(f"profile:{uid}", profile)
`;
    expect(ttlLines('app/profile.py', text)).toEqual([]);
  });
});
