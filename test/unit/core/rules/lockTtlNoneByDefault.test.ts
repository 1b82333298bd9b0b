/** Locks that never expire by default: a TTL that is None unless configured, or a SETNX "in-progress" marker without one. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lockLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/locks.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'lock-without-expiry')
    .map((f) => f.span.start.line + 1);
}

describe('lock-without-expiry with a TTL that is None by default', () => {
  it('reports lock(timeout=self.x) when x comes from a setting that defaults to None, not when it defaults to a number', () => {
    const text = 'import redis\n\n\nclass Backend:\n    def __init__(self, options):\n        self.client = redis.Redis()\n        self.lock_timeout = options.pop("lock_timeout", None)\n        self.wait = options.pop("wait", 30)\n\n    def mutex(self, key):\n        return self.client.lock(f"mutex:{key}", timeout=self.lock_timeout)\n\n    def mutex_waiting(self, key):\n        return self.client.lock(f"mutex:{key}", timeout=self.wait)\n';
    expect(lockLines(text)).toEqual([11]);
  });

  it('reports SET NX ex=self.x when x is set from a name that is None by default', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\nclass Lock:\n    def __init__(self, name, expire=None):\n        self._expire = expire\n        self._name = "lock:" + name\n\n    def acquire(self, token):\n        return r.set(self._name, token, nx=True, ex=self._expire)\n';
    expect(lockLines(text)).toEqual([12]);
  });

  it('leaves a lock whose TTL attribute always has a value alone', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\nclass Lock:\n    def __init__(self, name, expire=30):\n        self._expire = expire\n        self._name = "lock:" + name\n\n    def acquire(self, token):\n        return r.set(self._name, token, nx=True, ex=self._expire)\n';
    expect(lockLines(text)).toEqual([]);
  });

  it('reports SET NX ex=expiry when expiry is a parameter that defaults to None', () => {
    const text = 'import redis\n\n\nclass Backend:\n    def __init__(self, url):\n        self.redis = redis.Redis.from_url(url)\n\n    def lock(self, lock, owner, expiry=None):\n        return bool(self.redis.set(lock, owner, nx=True, ex=expiry))\n';
    expect(lockLines(text)).toEqual([9]);
  });

  it('leaves a TTL parameter alone when it has a real default, is filled in, or is branched on before the SET', () => {
    const withDefault = 'import redis\n\nr = redis.Redis()\n\n\ndef take_lock(lock, owner, expiry=60):\n    return r.set(lock, owner, nx=True, ex=expiry)\n';
    const filledIn = 'import redis\n\nr = redis.Redis()\n\n\ndef take_lock(lock, owner, expiry=None):\n    expiry = expiry or 60\n    return r.set(lock, owner, nx=True, ex=expiry)\n';
    const branched = 'import redis\n\nr = redis.Redis()\n\n\ndef take_lock(lock, owner, expiry=None):\n    if expiry is None:\n        raise ValueError("a lock needs a TTL")\n    return r.set(lock, owner, nx=True, ex=expiry)\n';
    expect(lockLines(withDefault)).toEqual([]);
    expect(lockLines(filledIn)).toEqual([]);
    expect(lockLines(branched)).toEqual([]);
  });
});

describe('lock-without-expiry of a key whose value says the work is under way', () => {
  it('reports a SETNX whose value says the work is in progress, whatever the key, and not a SETNX dedupe marker', () => {
    const text = 'import redis\n\nredis_client = redis.Redis()\n\n\ndef handle(image_name):\n    if not redis_client.setnx(image_name, "in-progress"):\n        return\n    process(image_name)\n\n\ndef first_sight(event_id):\n    return redis_client.setnx(f"seen:{event_id}", 1)\n';
    expect(lockLines(text)).toEqual([7]);
  });
});
