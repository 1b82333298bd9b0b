/** How Python clients spell command options: aioredis 1.x hmset_dict, set(expire=, exist=), xadd(max_len=); redis-py positional and **kwargs options. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function rules(text: string): string[] {
  return reviewSource(parsers, text, { path: 'app/rates.py', language: 'python' }).findings.map((f) => `${f.ruleId}:${f.span.start.line + 1}`);
}

const HEADER = 'import aioredis\n\n\nasync def connect():\n    return await aioredis.create_redis_pool("redis://cache")\n\n\n';

describe('aioredis 1.x spellings', () => {
  it('reads hmset_dict as HMSET, so a separate EXPIRE after it is set-then-expire', () => {
    const text = HEADER + 'async def save(key, rates):\n    redis = await connect()\n    await redis.hmset_dict(key, rates)\n    await redis.expire(key, 60)\n';
    expect(rules(text)).toContain('set-then-expire:10');
  });

  it('takes set(expire=...) as a TTL and exist=SET_IF_NOT_EXIST as NX', () => {
    const withTtl = HEADER + 'async def lock(name, token):\n    redis = await connect()\n    return await redis.set(f"lock:{name}", token, expire=30, exist=redis.SET_IF_NOT_EXIST)\n';
    expect(rules(withTtl).filter((r) => r.startsWith('lock-without-expiry'))).toEqual([]);
    const withoutTtl = HEADER + 'async def lock(name, token):\n    redis = await connect()\n    return await redis.set(f"lock:{name}", token, exist=redis.SET_IF_NOT_EXIST)\n';
    expect(rules(withoutTtl)).toContain('lock-without-expiry:10');
  });

  it('takes xadd(max_len=...) as a trimmed stream', () => {
    const trimmed = HEADER + 'async def push(event):\n    redis = await connect()\n    await redis.xadd("events", event, max_len=1000)\n';
    expect(rules(trimmed).filter((r) => r.startsWith('stream-without-maxlen'))).toEqual([]);
    const untrimmed = HEADER + 'async def push(event):\n    redis = await connect()\n    await redis.xadd("events", event)\n';
    expect(rules(untrimmed)).toContain('stream-without-maxlen:10');
  });
});

describe('redis-py xadd with a positional maxlen', () => {
  it('takes the fourth positional argument as MAXLEN', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\ndef push(event):\n    r.xadd("events", event, "*", 5000)\n';
    expect(rules(text).filter((r) => r.startsWith('stream-without-maxlen'))).toEqual([]);
  });
});

describe('xadd with options passed through **kwargs', () => {
  it('does not report a stream whose options come from a keyword splat', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\ndef push(event, **options):\n    r.xadd("events", event, **options)\n';
    expect(rules(text).filter((r) => r.startsWith('stream-without-maxlen'))).toEqual([]);
  });
});
