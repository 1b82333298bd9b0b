/** Python loops that retry one command until its reply arrives are not N+1 loops over items. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'app/bus.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const HEADER = 'import redis\n\nclient = redis.Redis()\n\n\n';

describe('command-in-loop and retry loops that return the reply', () => {
  it('does not report a command whose reply the loop returns on the first success', () => {
    const text = HEADER + 'def send(channel, payload):\n    for attempts_left in range(2, -1, -1):\n        try:\n            return client.publish(channel, payload)\n        except redis.ConnectionError:\n            if not attempts_left:\n                raise\n';
    expect(loopLines(text)).toEqual([]);
  });

  it('does not report an awaited reply returned from a retry loop', () => {
    const text = 'import redis.asyncio as redis\n\nclient = redis.Redis()\n\n\nasync def send(channel, payload):\n    for _ in range(3):\n        try:\n            return await client.publish(channel, payload)\n        except redis.ConnectionError:\n            continue\n';
    expect(loopLines(text)).toEqual([]);
  });

  it('still reports a command that reads the loop item, even when its reply is returned', () => {
    const text = HEADER + 'def first_cached(keys):\n    for key in keys:\n        return client.get(f"cache:{key}")\n';
    expect(loopLines(text)).toEqual([8]);
  });

  it('still reports a command per item whose reply is kept, not returned', () => {
    const text = HEADER + 'def send_all(channel, payloads):\n    for payload in payloads:\n        client.publish(channel, payload)\n';
    expect(loopLines(text)).toEqual([8]);
  });
});
