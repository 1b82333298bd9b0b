/**
 * command-not-on-target on calls whose error reply the code handles: a newer command sent inside a `try` with an
 * `except`/`catch` (falling back to an older command) or with `.catch()` chained on it expects the unknown-command
 * error of an older server. Tricky negatives, still reported: a `try` with only `finally`, a call after the `try`
 * block, and a call in a callback defined inside a `try`.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('command-not-on-target on calls with a handled error reply', () => {
  it('leaves out CLIENT SETINFO inside try/except with a fallback (redis-py)', () => {
    const text = `import redis
from redis.exceptions import ResponseError

r = redis.Redis()


def announce(name):
    try:
        r.client_setinfo("LIB-NAME", name)
    except ResponseError:
        r.echo(name)


def announce_logged(name, log):
    try:
        if name:
            r.client_setinfo("LIB-NAME", name)
    except Exception as error:
        log(error)


def announce_finally(name):
    try:
        r.client_setinfo("LIB-NAME", name)
    finally:
        r.echo(name)


def announce_after(name):
    try:
        r.echo(name)
    except ResponseError:
        pass
    r.client_setinfo("LIB-NAME", name)
`;
    expect(findingLines.inFile('command-not-on-target', { path: 'app/announce.py', text })).toEqual([24, 34]);
  });

  it('leaves out try/catch and .catch() on the call, not a callback made inside a try (ioredis)', () => {
    const text = `import Redis from 'ioredis';
const redis = new Redis();
redis.on('error', console.error);

export async function quiet(key: string) {
  try {
    await redis.client('NO-TOUCH', 'ON');
  } catch {
    // an older server: reads touch keys as before
  }
  await redis.client('NO-TOUCH', 'ON').catch(() => undefined);
  return redis.get(key);
}

export function later(key: string) {
  try {
    setTimeout(async () => {
      await redis.client('NO-TOUCH', 'ON');
    }, 10);
  } catch (error) {
    console.error(error);
  }
  return key;
}
`;
    expect(findingLines.inFile('command-not-on-target', { path: 'src/quiet.ts', text })).toEqual([18]);
  });
});
