/** Generated pytest / vitest files for cache-aside. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function cacheAsidePythonTest(): string {
  return `${pythonTestPreamble('cache_aside', 'CacheAside', 'cache-aside')}

def test_concurrent_misses_call_the_loader_once(client, prefix):
    calls = []

    def loader():
        calls.append(1)
        time.sleep(0.2)
        return {"name": "Ada"}

    cache = CacheAside(client, prefix=prefix, ttl_seconds=60)
    results = run_concurrently(20, lambda index: cache.get_or_load("user:1", loader))
    assert results == [{"name": "Ada"}] * 20
    assert len(calls) == 1
    assert 60 <= client.ttl(cache.key("user:1")) <= 66


def test_invalidate_forces_a_reload(client, prefix):
    cache = CacheAside(client, prefix=prefix, ttl_seconds=60)
    assert cache.get_or_load("k", lambda: 1) == 1
    assert cache.get_or_load("k", lambda: 2) == 1
    cache.invalidate("k")
    assert cache.get_or_load("k", lambda: 3) == 3


def test_a_failing_loader_releases_the_lock(client, prefix):
    cache = CacheAside(client, prefix=prefix, ttl_seconds=60)

    def failing():
        raise RuntimeError("database down")

    with pytest.raises(RuntimeError):
        cache.get_or_load("k", failing)
    assert cache.get_or_load("k", lambda: "recovered") == "recovered"
`;
}

export function cacheAsideTypescriptTest(): string {
  return `${typescriptTestPreamble('cacheAside', 'CacheAside', 'cache-aside', { sleep: true })}
describe('CacheAside', () => {
  it('calls the loader once for concurrent misses', async () => {
    let calls = 0;
    const loader = async () => {
      calls++;
      await sleep(200);
      return { name: 'Ada' };
    };
    const caches = Array.from({ length: 20 }, () => new CacheAside(redis, { prefix, ttlSeconds: 60 }));
    const results = await Promise.all(caches.map((cache) => cache.getOrLoad('user:1', loader)));
    expect(results).toEqual(Array(20).fill({ name: 'Ada' }));
    expect(calls).toBe(1);
    const ttl = await redis.ttl(caches[0].key('user:1'));
    expect(ttl).toBeGreaterThanOrEqual(60);
    expect(ttl).toBeLessThanOrEqual(66);
  });

  it('reloads after invalidate', async () => {
    const cache = new CacheAside(redis, { prefix, ttlSeconds: 60 });
    expect(await cache.getOrLoad('k', async () => 1)).toBe(1);
    expect(await cache.getOrLoad('k', async () => 2)).toBe(1);
    await cache.invalidate('k');
    expect(await cache.getOrLoad('k', async () => 3)).toBe(3);
  });

  it('releases the lock when the loader fails', async () => {
    const cache = new CacheAside(redis, { prefix, ttlSeconds: 60 });
    await expect(cache.getOrLoad('broken', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.getOrLoad('broken', async () => 'recovered')).toBe('recovered');
  });
});
`;
}
