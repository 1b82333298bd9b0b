/**
 * client-per-request and generator providers: `yield client` is a provider whose caller holds the client as long as it
 * needs it, unless a function of the same file takes one client from it with next()/anext() and drops it again.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

describe('client-per-request: clients taken from a generator with anext()', () => {
  it('reports the client of a session generator that a function of the file takes with anext() and closes', () => {
    const text = `from redis.asyncio import Redis, from_url

from app import settings


async def get_redis_session():
    session = from_url(settings.redis_url, decode_responses=True)
    yield session
    await session.close()


async def publish_change(payload: str) -> None:
    redis = await anext(get_redis_session())
    try:
        await redis.xadd("changes", {"payload": payload})
    finally:
        await redis.close()
`;
    expect(findingLines.inFile('client-per-request', { path: 'app/configs/redis.py', text })).toEqual([7]);
  });

  it('leaves out a generator provider used as a context manager or kept by its caller', () => {
    const text = `from contextlib import asynccontextmanager

from redis.asyncio import from_url

from app import settings


@asynccontextmanager
async def redis_session():
    session = from_url(settings.redis_url)
    yield session
    await session.close()


async def get_listener_client():
    session = from_url(settings.redis_url)
    yield session
    await session.close()


class Listener:
    async def start(self):
        self.redis = await anext(get_listener_client())
        await self.redis.subscribe("changes")


async def publish_change(payload: str) -> None:
    async with redis_session() as redis:
        await redis.xadd("changes", {"payload": payload})
`;
    expect(findingLines.inFile('client-per-request', { path: 'app/configs/redis.py', text })).toEqual([]);
  });
});
