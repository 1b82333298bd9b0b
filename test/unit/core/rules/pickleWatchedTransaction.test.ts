/** pickle-deserialization of a position of execute()'s reply when the pipeline was WATCHed and then put in MULTI. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function pickleLines(lines: string[]): number[] {
  const text = lines.join('\n');
  const result = reviewSource(parsers, text, { path: 'shop/session_store.py', language: 'python' });
  return result.findings.filter((f) => f.ruleId === 'pickle-deserialization').map((f) => f.span.start.line + 1);
}

describe('pickle.loads of a watched transaction reply', () => {
  it('maps execute() positions to the commands queued after multi(), not to the WATCH sent before it', () => {
    expect(
      pickleLines([
        'import pickle',
        'import redis',
        '',
        'conn = redis.Redis()',
        '',
        '',
        'def load_basket(basket_id):',
        '    with conn.pipeline() as tx:',
        '        while True:',
        '            try:',
        '                tx.watch(basket_id)',
        '                tx.multi()',
        '                tx.hget("baskets", basket_id)',
        '                tx.ttl(basket_id)',
        '                reply = tx.execute()',
        '                return pickle.loads(reply[0]), reply[1]',
        '            except redis.WatchError:',
        '                continue',
      ]),
    ).toEqual([16]);
  });

  it('does not take a write or TTL queued after multi() for a read', () => {
    expect(
      pickleLines([
        'import pickle',
        'import redis',
        '',
        'conn = redis.Redis()',
        '',
        '',
        'def save_basket(basket_id, basket):',
        '    with conn.pipeline() as tx:',
        '        tx.watch(basket_id)',
        '        tx.get(basket_id)',
        '        tx.multi()',
        '        tx.set(basket_id, pickle.dumps(basket))',
        '        tx.expire(basket_id, 600)',
        '        done = tx.execute()',
        '        return pickle.loads(done[0]), pickle.loads(done[1])',
      ]),
    ).toEqual([]);
  });
});
