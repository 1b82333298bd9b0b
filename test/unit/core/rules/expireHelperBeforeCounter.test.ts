/**
 * set-then-expire on a counter written after a call of the class's own method whose one command is EXPIRE of the
 * same instance key (`self.refresh()` then `hincrby(self.token, ...)`): on a new key the EXPIRE does nothing.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const STORE = (body: string) =>
  `import redis\n\nclass Store:\n    def __init__(self, token, ttl=10):\n        self.token = token\n        self.ttl = ttl\n        self.redis = redis.Redis()\n\n    def refresh(self):\n        self.redis.expire(self.token, self.ttl)\n\n${body}`;

function lines(body: string): number[] {
  return findingLines.inFile('set-then-expire', { path: 'app/store.py', text: STORE(body) });
}

describe('EXPIRE sent by an own helper before a counter write', () => {
  it('reports the counter that follows the helper call', () => {
    expect(lines('    def incr(self, field):\n        self.refresh()\n        return self.redis.hincrby(self.token, field, 1)\n')).toEqual([14]);
  });

  it('does not report a write before the helper call, a helper expiring another key, or a helper doing more', () => {
    expect(lines('    def incr(self, field):\n        n = self.redis.hincrby(self.token, field, 1)\n        self.refresh()\n        return n\n')).toEqual([]);
    expect(lines('    def touch(self):\n        self.redis.expire(self.other, 60)\n\n    def incr(self, field):\n        self.touch()\n        return self.redis.hincrby(self.token, field, 1)\n')).toEqual([]);
    expect(lines('    def ensure(self):\n        self.redis.hsetnx(self.token, "created", 1)\n        self.redis.expire(self.token, self.ttl)\n\n    def incr(self, field):\n        self.ensure()\n        return self.redis.hincrby(self.token, field, 1)\n')).toEqual([]);
  });

  it('leaves a plain HSET after the helper alone (only counters are judged after a first EXPIRE)', () => {
    expect(lines('    def set(self, field, value):\n        self.refresh()\n        return self.redis.hset(self.token, field, value)\n')).toEqual([]);
  });
});
