/** expensive-linear-list-ops on lists that are short by construction, and on helpers that only pass a key through. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function linearLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/schedules.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'expensive-linear-list-ops')
    .map((f) => f.span.start.line + 1);
}

const HEADER = 'import redis\n\nr = redis.Redis()\n\n\n';

describe('expensive-linear-list-ops on short lists', () => {
  it('does not report LREM on one time bucket\'s list', () => {
    const text = HEADER + 'class Schedules:\n    def _time_key(self, run_at):\n        return f"runs:at:{run_at:%Y%m%d%H%M}"\n\n    def unschedule(self, run_at, entry_id):\n        time_key = self._time_key(run_at)\n        r.lrem(time_key, 0, entry_id)\n';
    expect(linearLines(text)).toEqual([]);
  });

  it('does not report a thin wrapper that passes its caller\'s list straight through', () => {
    const text = HEADER + 'class Store:\n    def lrem(self, table, value, num=0):\n        """\n        @summary: remove value\n        ---------\n        @param table:\n        @param value:\n        @param num:\n        ---------\n        @result: how many were removed\n        """\n        return r.lrem(table, num, value)\n';
    expect(linearLines(text)).toEqual([]);
  });

  it('does not report LREM of the list a move given its names in a keyword dict moves items onto', () => {
    const text = HEADER + 'class Tasks:\n    def take(self):\n        names = {"src": self.waiting, "dst": self.holding}\n        return r.rpoplpush(**names)\n\n    def done(self, task):\n        r.lrem(self.holding, 1, task)\n\n    def cancel(self, task):\n        r.lrem(self.waiting, 1, task)\n';
    expect(linearLines(text)).toEqual([15]);
  });

  it('does not report LSET on a list the file gives a TTL (the pages of one search)', () => {
    const text = HEADER + 'def render(key, pages, fmt):\n    for number, page in enumerate(pages):\n        r.lset(key, number, fmt(page))\n    r.expire(key, 3600)\n\n\ndef edit(board, number, text):\n    r.lset(f"board:{board}", number, text)\n';
    expect(linearLines(text)).toEqual([13]);
  });

  it('still reports LREM on a global list, and a wrapper that the same file calls', () => {
    const text = HEADER + 'def cancel(job_id):\n    r.lrem("jobs:backlog", 0, job_id)\n\n\ndef remove(key, value):\n    return r.lrem(key, 0, value)\n\n\ndef drop(job_id):\n    remove("jobs:all", job_id)\n';
    expect(linearLines(text)).toEqual([7, 11]);
  });
});
