/**
 * client-per-request on two shapes of per-call clients: a variable bound to a second new client after the first
 * was used (two clients per call, not alternatives of one), and a function that only a script's entry function
 * calls (made once per run of the script, not per call of a request path).
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function perCallLines(text: string, path = 'jobs/status.py'): number[] {
  return findingLines.inFile('client-per-request', { path, text });
}

describe('client-per-request: a variable bound to a new client after the first one was used', () => {
  it('reports both clients of a function that reads with one and writes with another', () => {
    const text = [
      'import redis.asyncio as redis',
      '',
      '',
      'async def mark(item_id, work):',
      '    r = redis.from_url("redis://cache")',
      '    async with r:',
      '        if await r.get(f"done:{item_id}"):',
      '            return',
      '    await work(item_id)',
      '    r = redis.from_url("redis://cache")',
      '    async with r:',
      '        await r.set(f"done:{item_id}", 1)',
      '',
    ].join('\n');
    expect(perCallLines(text)).toEqual([5, 10]);
  });

  it('still reports alternatives of one variable once', () => {
    const text = [
      'import redis',
      '',
      '',
      'def touch(key, local):',
      '    if local:',
      '        r = redis.Redis()',
      '    else:',
      '        r = redis.Redis(host="cache")',
      '    r.set(key, 1)',
      '',
    ].join('\n');
    expect(perCallLines(text)).toEqual([6]);
  });
});

describe("client-per-request: functions only a script's entry function calls", () => {
  it('does not report a client made in a step that run() calls, when the script calls run() at its end', () => {
    const text = [
      'import redis',
      '',
      '',
      'def upload(rows):',
      '    db = redis.Redis(db=1)',
      '    for i, row in enumerate(rows):',
      '        db.hset(str(i), mapping=row)',
      '',
      '',
      'def run():',
      '    upload(load())',
      '',
      '',
      'run()',
      '',
    ].join('\n');
    expect(perCallLines(text, 'app/upload.py')).toEqual([]);
  });

  it('still reports a step that the entry function calls once per item', () => {
    const text = [
      'import redis',
      '',
      '',
      'def mark(item):',
      '    db = redis.Redis()',
      '    db.set(f"done:{item}", 1)',
      '',
      '',
      'def main():',
      '    for item in load():',
      '        mark(item)',
      '',
      '',
      'main()',
      '',
    ].join('\n');
    expect(perCallLines(text, 'app/mark.py')).toEqual([5]);
  });

  it('still reports the same step when a route handler calls it too', () => {
    const text = [
      'import redis',
      'from flask import Flask',
      '',
      'app = Flask(__name__)',
      '',
      '',
      'def lookup(term):',
      '    db = redis.Redis()',
      '    return db.smembers(term)',
      '',
      '',
      'def run():',
      '    print(lookup("a"))',
      '',
      '',
      '@app.get("/search")',
      'def search():',
      '    return list(lookup("b"))',
      '',
    ].join('\n');
    expect(perCallLines(text, 'web/search.py')).toEqual([8]);
  });
});
