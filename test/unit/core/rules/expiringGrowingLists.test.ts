/** unbounded-collection-read: a list with a TTL is still read whole when its name says it gathers per event. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function readLines(lines: string[]): number[] {
  return reviewSource(parsers, lines.join('\n'), { path: 'mailbox/store.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'unbounded-collection-read')
    .map((f) => f.span.start.line + 1);
}

describe('unbounded-collection-read of lists the project gives a TTL', () => {
  it('reports an inbox or message list whose TTL every push renews', () => {
    expect(
      readLines([
        'import redis',
        '',
        'r = redis.Redis()',
        '',
        '',
        'def deliver(address, mail_id, ttl=900):',
        '    r.lpush(f"inbox:{address}", mail_id)',
        '    r.expire(f"inbox:{address}", ttl)',
        '    r.rpush(f"room_messages:{address}", mail_id)',
        '    r.expire(f"room_messages:{address}", ttl)',
        '',
        '',
        'def list_inbox(address):',
        '    return r.lrange(f"inbox:{address}", 0, -1)',
        '',
        '',
        'def room_history(address):',
        '    return r.lrange(f"room_messages:{address}", 0, -1)',
      ]),
    ).toEqual([14, 18]);
  });

  it('keeps one job or batch output with a TTL unreported', () => {
    expect(
      readLines([
        'import redis',
        '',
        'r = redis.Redis()',
        '',
        '',
        'def store_results(job_id, rows):',
        '    r.rpush(f"results:{job_id}", *rows)',
        '    r.expire(f"results:{job_id}", 600)',
        '    r.rpush(f"export_rows:{job_id}", *rows)',
        '    r.expire(f"export_rows:{job_id}", 600)',
        '',
        '',
        'def read_results(job_id):',
        '    return r.lrange(f"results:{job_id}", 0, -1)',
        '',
        '',
        'def read_export_rows(job_id):',
        '    return r.lrange(f"export_rows:{job_id}", 0, -1)',
      ]),
    ).toEqual([]);
  });
});
