/** redis-py commands called with the key as `name=`: the key is read all the same. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function rules(text: string): string[] {
  return reviewSource(parsers, text, { path: 'app/store.py', language: 'python' }).findings.map((f) => `${f.ruleId}:${f.span.start.line + 1}`);
}

const HEADER = 'import redis\n\nr = redis.Redis()\n\n\n';

describe('redis-py name= keyword', () => {
  it('pairs a SETNX and a later EXPIRE of the same key passed as name=', () => {
    const text = HEADER + 'def add(key, value, timeout):\n    created = r.setnx(name=f"c:{key}", value=value)\n    if created and timeout:\n        r.expire(name=f"c:{key}", time=timeout)\n    return created\n';
    expect(rules(text)).toContain('set-then-expire:7');
  });

  it('does not pair writes and EXPIREs of different keys', () => {
    const text = HEADER + 'def add(key, value, timeout):\n    r.setnx(name=f"c:{key}", value=value)\n    r.expire(name=f"other:{key}", time=timeout)\n';
    expect(rules(text).filter((r) => r.startsWith('set-then-expire'))).toEqual([]);
  });

  it('reads the key of a whole-collection read given as name=', () => {
    const text = HEADER + 'def follow(uid, other):\n    r.sadd(name=f"followers:{other}", uid)\n\n\ndef followers(uid):\n    return r.smembers(name=f"followers:{uid}")\n';
    expect(rules(text)).toContain('unbounded-collection-read:11');
  });
});
