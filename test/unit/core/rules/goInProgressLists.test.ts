/**
 * A Go worker's in-progress list (the destination of its BRPOPLPUSH, named `inprogress` or `in_progress`) holds only
 * the messages taken and not yet acknowledged: LREM of an acknowledged one (expensive-linear-list-ops) stays short.
 * Tricky negative: LREM of a list of finished jobs, which grows with every job.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(text: string): string[] {
  return reviewSource(parsers, text, { path: 'workers/fetcher.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'expensive-linear-list-ops')
    .map((f) => `${f.span.start.line + 1} ${f.ruleId}`);
}

const FETCHER = [
  'package workers',
  '',
  'import (',
  '\t"fmt"',
  '',
  '\t"github.com/gomodule/redigo/redis"',
  ')',
  '',
  'var Pool *redis.Pool',
  '',
  'type fetch struct{ queue string }',
  '',
  'func (f *fetch) inprogressQueue() string {',
  '\treturn fmt.Sprint(f.queue, ":inprogress")',
  '}',
  '',
  'func (f *fetch) next() (string, error) {',
  '\tconn := Pool.Get()',
  '\tdefer conn.Close()',
  '\treturn redis.String(conn.Do("BRPOPLPUSH", f.queue, f.inprogressQueue(), 1))',
  '}',
  '',
  'func (f *fetch) ack(msg string) {',
  '\tconn := Pool.Get()',
  '\tdefer conn.Close()',
  '\tconn.Do("LREM", f.inprogressQueue(), -1, msg)',
  '}',
  '',
  'func (f *fetch) forget(job string) {',
  '\tconn := Pool.Get()',
  '\tdefer conn.Close()',
  '\tconn.Do("LREM", f.queue+":done", 1, job)',
  '}',
  '',
].join('\n');

describe('Go in-progress lists of a reliable queue', () => {
  it('leaves the LREM of an acknowledged message alone and reports the one of the finished list', () => {
    expect(findings(FETCHER)).toEqual(['32 expensive-linear-list-ops']);
  });

  it('reads in_progress in a literal key the same way', () => {
    const text = FETCHER.replace(/f\.inprogressQueue\(\)/g, '"jobs:in_progress"');
    expect(findings(text)).toEqual(['32 expensive-linear-list-ops']);
  });
});
