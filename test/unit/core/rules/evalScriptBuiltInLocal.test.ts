/** eval-dynamic-script: a script a function builds in a local from runtime values and then passes by name. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { isBuiltAtRunTime } from '../../../../src/core/rules/support/builtScripts';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function dynamicLines(text: string, path: string, language: 'python' | 'typescript'): number[] {
  const result = reviewSource(parsers, text, { path, language });
  return result.findings.filter((f) => f.ruleId === 'eval-dynamic-script').map((f) => f.span.start.line + 1);
}

const PYTHON = `import redis

r = redis.Redis()
PREFIX = "quota"
TRIM = f"""
redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1])
return redis.call('ZCARD', KEYS[1])
"""


def take(user, limit):
    lua = f"""
    local n = redis.call('INCR', KEYS[1])
    if n > {limit} then return 0 end
    return n
    """
    return r.eval(lua, 1, f"{PREFIX}:{user}")


def take_each(users, limit):
    script = "local n = 0\\n"
    for user in users:
        script += "n = n + redis.call('INCR', '" + user + "')\\n"
    return r.eval(script, 0)


def trim(key, before):
    return r.eval(TRIM, 1, key, before)


def fixed(key):
    body = "return redis.call('GET', KEYS[1])"
    return r.eval(body, 1, key)


def joined(key):
    body = PREFIX_SCRIPT + "return redis.call('GET', KEYS[1])"
    return r.eval(body, 1, key)


PREFIX_SCRIPT = "local unused = 1\\n"
`;

const TYPESCRIPT = `import Redis from 'ioredis';

const redis = new Redis();
redis.on('error', console.error);

export async function take(key: string, limit: number) {
  const script = \`local n = redis.call('INCR', KEYS[1]) if n > \${limit} then return 0 end return n\`;
  return redis.eval(script, 1, key);
}

export async function bump(key: string) {
  const script = "return redis.call('INCR', KEYS[1])";
  return redis.eval(script, 1, key);
}
`;

describe('scripts built in a local before EVAL', () => {
  it('reports f-strings with values and scripts grown with += in the function, not constants or module-level scripts', () => {
    expect(dynamicLines(PYTHON, 'app/quota.py', 'python')).toEqual([17, 24]);
  });

  it('reports a template literal with a placeholder held in a const, not a plain string', () => {
    expect(dynamicLines(TYPESCRIPT, 'src/quota.ts', 'typescript')).toEqual([8]);
  });

  it('tells runtime values from literal text and constants', () => {
    expect(isBuiltAtRunTime('"return " + str(n)', true)).toBe(true);
    expect(isBuiltAtRunTime('"local s = 0 for i = 1, 3 do s = s + i end return s"', true)).toBe(false);
    expect(isBuiltAtRunTime('HEADER + "return 1"', true)).toBe(false);
    expect(isBuiltAtRunTime('"return {n}".format(n=limit)', true)).toBe(true);
    expect(isBuiltAtRunTime('f"return {{1}}"', true)).toBe(false);
  });
});
