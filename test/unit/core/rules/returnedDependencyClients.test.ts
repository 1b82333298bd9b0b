/**
 * client-per-request for a factory that returns (rather than yields or binds) a new client: FastAPI calls a
 * dependency for every request that depends on it, and a function of the same file that gets the client, uses it
 * once and drops it pays for one per call. A factory nobody hands to Depends(), an lru_cache'd dependency, and a
 * client its caller keeps or works through in a loop stay unreported. A chat bot's command module is reported too:
 * its anonymous export runs for every message that invokes the command, unlike an IIFE.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'api/deps.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'from typing import Annotated\n\nfrom fastapi import Depends\nfrom redis import asyncio as aioredis\n\nURL = "redis://cache:6379"\n\n';

describe('client-per-request and a FastAPI dependency returning a new client', () => {
  it('reports the client a Depends() dependency returns, also through Annotated', () => {
    expect(lines(HEAD + 'def get_cache() -> aioredis.Redis:\n    return aioredis.from_url(URL)\n\n\nCache = Annotated[aioredis.Redis, Depends(get_cache)]\n')).toEqual([9]);
    expect(lines(HEAD + 'async def get_cache():\n    return aioredis.Redis.from_url(URL)\n\n\nasync def count(r=Depends(dependency=get_cache)):\n    return await r.incr("hits")\n')).toEqual([9]);
  });

  it('does not report a returning factory that no Depends() names, nor a cached dependency', () => {
    expect(lines(HEAD + 'def make_cache() -> aioredis.Redis:\n    return aioredis.from_url(URL)\n\n\nCache = Annotated[aioredis.Redis, Depends(get_settings)]\n')).toEqual([]);
    expect(lines(HEAD + 'from functools import lru_cache\n\n\n@lru_cache\ndef get_cache() -> aioredis.Redis:\n    return aioredis.from_url(URL)\n\n\nCache = Annotated[aioredis.Redis, Depends(get_cache)]\n')).toEqual([]);
  });
});

describe('client-per-request and a factory returning a new client to a function of the same file', () => {
  const factory = 'import redis.asyncio as aioredis\n\n\nasync def get_conn():\n    return await aioredis.Redis(host="cache")\n\n\n';

  it('reports the factory whose client a caller uses once and drops', () => {
    expect(lines(factory + 'async def save(key, value):\n    client = await get_conn()\n    await client.set(key, value)\n')).toEqual([5]);
  });

  it('does not report it when the caller keeps the client or works through it in a loop', () => {
    expect(lines(factory + 'class Store:\n    async def open(self):\n        self.client = await get_conn()\n        await self.client.ping()\n')).toEqual([]);
    expect(lines(factory + 'async def drain(queue):\n    client = await get_conn()\n    while True:\n        item = await client.blpop(queue)\n')).toEqual([]);
  });
});

describe('client-per-request in a chat command module', () => {
  const js = (head: string) => `const redis = require('redis');\n\n${head} (args, msg, bot) => {\n  const client = redis.createClient(process.env.REDIS_URL);\n  client.on('error', console.error);\n  client.del(args[1], () => client.quit());\n};\n`;

  it('reports the client the exported command handler creates and quits per message', () => {
    expect(linesJs(js('module.exports ='))).toEqual([4]);
    expect(linesJs(js('module.exports =\n  /** @param {string[]} args */\n '))).toEqual([6]);
  });

  it('does not report an anonymous export without a message parameter, nor an IIFE', () => {
    expect(linesJs(js('module.exports =').replace('(args, msg, bot)', '(app)'))).toEqual([]);
    expect(linesJs("const redis = require('redis');\n\n(async () => {\n  const client = redis.createClient();\n  client.on('error', console.error);\n  await client.connect();\n  await client.quit();\n})();\n")).toEqual([]);
  });
});

function linesJs(text: string): number[] {
  return reviewSource(parsers, text, { path: 'commands/dev/clearKey.js', language: 'javascript' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}
