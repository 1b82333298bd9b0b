/**
 * dishka runs a provider method once per scope it is provided in: a REQUEST-scoped provider (by its own
 * `scope=Scope.REQUEST` or the provider class's `scope = Scope.REQUEST`) that builds a client builds one per request.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();
const lines = (text: string) => findingLines.inFile('client-per-request', { path: 'app/core/ioc.py', text });

const HEAD = 'from collections.abc import AsyncIterator\n\nfrom dishka import Provider, Scope, provide\nfrom redis.asyncio import Redis\n\n';

describe('clients built by dishka providers', () => {
  it('reports a client a REQUEST-scoped provider builds', () => {
    const yielded = HEAD + 'class Adapters(Provider):\n    @provide(scope=Scope.REQUEST)\n    async def redis(self) -> AsyncIterator[Redis]:\n        async with Redis.from_url(URL) as client:\n            yield client\n';
    expect(lines(yielded)).toEqual([9]);
    const byClass = HEAD + 'class Adapters(Provider):\n    scope = Scope.REQUEST\n\n    @provide\n    def redis(self) -> Redis:\n        return Redis(host="cache")\n';
    expect(lines(byClass)).toEqual([11]);
    const action = HEAD + 'class Adapters(Provider):\n    @provide(scope=Scope.ACTION, provides=Redis)\n    def redis(self):\n        return Redis.from_url(URL)\n';
    expect(lines(action)).toEqual([9]);
  });

  it('leaves APP-scoped providers, a REQUEST provider over a shared pool, and @provide of other libraries', () => {
    const app = HEAD + 'class Adapters(Provider):\n    @provide(scope=Scope.APP)\n    async def redis(self) -> AsyncIterator[Redis]:\n        client = Redis.from_url(URL)\n        yield client\n        await client.aclose()\n';
    expect(lines(app)).toEqual([]);
    const appByClass = HEAD + 'class Adapters(Provider):\n    scope = Scope.APP\n\n    @provide\n    def redis(self) -> Redis:\n        return Redis(host="cache")\n\n\nclass Services(Provider):\n    scope = Scope.REQUEST\n\n    @provide\n    def name(self) -> str:\n        return "x"\n';
    expect(lines(appByClass)).toEqual([]);
    const pooled = HEAD + 'from redis.asyncio import ConnectionPool\n\nclass Adapters(Provider):\n    @provide(scope=Scope.APP)\n    def pool(self) -> ConnectionPool:\n        return ConnectionPool.from_url(URL)\n\n    @provide(scope=Scope.REQUEST)\n    def redis(self, pool: ConnectionPool) -> Redis:\n        return Redis(connection_pool=pool)\n';
    expect(lines(pooled)).toEqual([]);
    const other = 'from injector import Module, provider, singleton\nfrom redis import Redis\n\nclass Scope:\n    REQUEST = 1\n\nclass Adapters(Module):\n    @provide(scope=Scope.REQUEST)\n    def redis(self) -> Redis:\n        return Redis(host="cache")\n';
    expect(lines(other)).toEqual([]);
  });
});
