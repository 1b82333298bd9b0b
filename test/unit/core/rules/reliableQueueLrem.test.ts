/** LREM on the list an RPOPLPUSH/LMOVE moves items onto finds the moved item at once: not a linear scan. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function linearLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/queue.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'expensive-linear-list-ops')
    .map((f) => f.span.start.line + 1);
}

const HEADER = 'import redis\n\nr = redis.Redis()\n\n\n';

describe('expensive-linear-list-ops and move targets', () => {
  it('does not report LREM of the list BRPOPLPUSH rotates the item onto', () => {
    const text = HEADER + 'def take(queue):\n    job = r.brpoplpush(queue, queue, timeout=5)\n    if job is not None:\n        r.lrem(queue, 1, job)\n    return job\n';
    expect(linearLines(text)).toEqual([]);
  });

  it('does not report LREM, in another function, of an LMOVE destination given by keyword', () => {
    const text = HEADER + 'def take(source, holding):\n    job = r.lmove(first_list=source, second_list=holding, src="RIGHT", dest="LEFT")\n    return job\n\n\ndef done(holding, job):\n    r.lrem(holding, 1, job)\n';
    expect(linearLines(text)).toEqual([]);
  });

  it('still reports LREM of a list that nothing moves items onto', () => {
    const text = HEADER + 'def take(queue, done_list):\n    job = r.brpoplpush(queue, done_list, timeout=5)\n    r.lrem(queue, 0, job)\n';
    expect(linearLines(text)).toEqual([8]);
  });
});
