/** A comprehension's `if` filter runs once per item, like its body: Redis calls there are one round trip each. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/cache.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const HEADER = 'import redis\n\nr = redis.Redis()\n\n\n';

describe('command-in-loop in comprehension filters', () => {
  it('reports a command called in the filter of a list comprehension', () => {
    expect(loopLines(HEADER + 'def missing(keys):\n    return [k for k in keys if not r.exists(f"c:{k}")]\n')).toEqual([7]);
  });

  it('reports a helper of the file called in the filter', () => {
    const text = HEADER + 'class Cache:\n    def has(self, key):\n        return bool(r.exists(f"c:{key}"))\n\n    def missing(self, keys):\n        return [k for k in keys if not self.has(k)]\n';
    expect(loopLines(text)).toEqual([11]);
  });

  it('does not take the iterable of the comprehension for a per-item call', () => {
    expect(loopLines(HEADER + 'def members(key):\n    return [m.decode() for m in r.sscan_iter(key) if m]\n')).toEqual([]);
  });
});
