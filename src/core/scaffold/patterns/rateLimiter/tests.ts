/** Generated pytest / vitest files for the rate limiter. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function rateLimiterPythonTest(): string {
  return `${pythonTestPreamble('rate_limiter', 'RateLimiter', 'rate-limiter')}

def test_admits_up_to_the_limit_then_denies_with_retry_after(client, prefix):
    limiter = RateLimiter(client, limit=3, window_seconds=10, prefix=prefix)
    results = [limiter.allow("user-1") for _ in range(4)]
    assert [result.allowed for result in results] == [True, True, True, False]
    assert [result.remaining for result in results[:3]] == [2, 1, 0]
    assert 0 < results[3].retry_after_ms <= 10_000
    assert 0 < client.pttl(limiter.key("user-1")) <= 10_000


def test_concurrent_callers_never_exceed_the_limit(client, prefix):
    limiter = RateLimiter(client, limit=10, window_seconds=10, prefix=prefix)
    results = run_concurrently(20, lambda index: [limiter.allow("shared").allowed for _ in range(3)])
    assert sum(sum(batch) for batch in results) == 10


def test_the_window_slides(client, prefix):
    limiter = RateLimiter(client, limit=2, window_seconds=0.3, prefix=prefix)
    assert limiter.allow("user-2").allowed and limiter.allow("user-2").allowed
    denied = limiter.allow("user-2")
    assert not denied.allowed
    time.sleep(denied.retry_after_ms / 1000 + 0.05)
    assert limiter.allow("user-2").allowed
`;
}

export function rateLimiterTypescriptTest(): string {
  return `${typescriptTestPreamble('rateLimiter', 'RateLimiter', 'rate-limiter', { sleep: true })}
describe('RateLimiter', () => {
  it('admits up to the limit, then denies with a retry delay', async () => {
    const limiter = new RateLimiter(redis, { limit: 3, windowMs: 10_000, prefix });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.allow('user-1'));
    expect(results.map((result) => result.allowed)).toEqual([true, true, true, false]);
    expect(results.slice(0, 3).map((result) => result.remaining)).toEqual([2, 1, 0]);
    expect(results[3].retryAfterMs).toBeGreaterThan(0);
    expect(results[3].retryAfterMs).toBeLessThanOrEqual(10_000);
    const ttl = await redis.pttl(limiter.key('user-1'));
    expect(ttl).toBeGreaterThan(0);
  });

  it('never admits more than the limit across 20 concurrent connections', async () => {
    const limiters = Array.from({ length: 20 }, () => new RateLimiter(connect(), { limit: 10, windowMs: 10_000, prefix }));
    const results = await Promise.all(limiters.flatMap((limiter) => [limiter.allow('shared'), limiter.allow('shared'), limiter.allow('shared')]));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
  });

  it('admits again once the window has slid past the oldest request', async () => {
    const limiter = new RateLimiter(redis, { limit: 2, windowMs: 300, prefix });
    expect((await limiter.allow('user-2')).allowed).toBe(true);
    expect((await limiter.allow('user-2')).allowed).toBe(true);
    const denied = await limiter.allow('user-2');
    expect(denied.allowed).toBe(false);
    await sleep(denied.retryAfterMs + 50);
    expect((await limiter.allow('user-2')).allowed).toBe(true);
  });
});
`;
}
