/**
 * command-in-loop on multi-key commands: an MGET written in a loop is one round trip per batch (a chunk of ids),
 * but a helper that sends one MGET per call, called once per item, is a round trip per item.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/counters.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const COUNT = 'import redis\n\nr = redis.Redis()\n\n\ndef count(name, buckets):\n    values = r.mget([f"{name}:{b}" for b in buckets])\n    return sum(int(v or 0) for v in values)\n\n\n';

describe('command-in-loop: multi-key commands through a helper', () => {
  it('reports a helper that sends an MGET, called once per item', () => {
    expect(loopLines(COUNT + 'def group_counts(names, buckets):\n    return {name: count(name, buckets) for name in names}\n')).toEqual([12]);
  });

  it('does not report the same helper called once per chunk, nor an MGET written in a loop over chunks', () => {
    expect(loopLines(COUNT + 'def chunk_counts(names, buckets):\n    return [count(chunk, buckets) for chunk in chunked(names, 100)]\n')).toEqual([]);
    expect(loopLines(COUNT + 'def values(keys):\n    out = []\n    for page in chunked(keys, 500):\n        out.extend(r.mget(page))\n    return out\n')).toEqual([]);
  });
});
