/**
 * set-then-expire on an EXPIRE sent from a callback chained on the write's promise (`set(k, v).then(() =>
 * expire(k, ttl))`): still two commands, paired with callbacks that follow a read or expire another key.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const HEADER = "import Redis from 'ioredis';\nconst client = new Redis();\nclient.on('error', console.error);\n\n";

function expireLines(body: string): number[] {
  return findingLines.inFile('set-then-expire', { path: 'src/services/cache.js', text: HEADER + body });
}

describe('set-then-expire: EXPIRE in a then() callback of the write', () => {
  it('reports a SET whose promise continues with an EXPIRE of the same key (function and arrow callbacks)', () => {
    expect(expireLines('export function set(key, value, seconds) {\n  return client.set(key, JSON.stringify(value)).then(function () {\n    if (seconds) {\n      return client.expire(key, seconds);\n    }\n  });\n}\n')).toEqual([6]);
    expect(expireLines('export function push(key, value, seconds) {\n  client.rpush(key, value).then(() => client.expire(key, seconds));\n}\n')).toEqual([6]);
  });

  it('does not report a then() that follows a read, or expires another key', () => {
    expect(expireLines('export function touch(key, seconds) {\n  return client.get(key).then(() => client.expire(key, seconds));\n}\n')).toEqual([]);
    expect(expireLines('export function mark(key, other, seconds) {\n  return client.set(key, 1).then(() => client.expire(other, seconds));\n}\n')).toEqual([]);
  });
});
