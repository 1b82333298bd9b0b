/** Generated pytest / vitest files for the distributed lock. */
import { pythonTestPreamble, typescriptTestPreamble } from '../../testPreamble';

export function distributedLockPythonTest(): string {
  return `${pythonTestPreamble('distributed_lock', 'LockNotAcquired, RedisLock', 'distributed-lock')}

def test_only_one_holder_at_a_time(client, prefix):
    first = RedisLock(client, "report", ttl_ms=5_000, prefix=prefix)
    second = RedisLock(client, "report", ttl_ms=5_000, prefix=prefix)
    assert first.acquire(blocking=False)
    assert not second.acquire(blocking=False)
    assert not second.acquire(timeout_ms=100)
    assert 0 < client.pttl(first.key) <= 5_000
    assert first.release()
    assert second.acquire(blocking=False)
    assert second.release()


def test_a_stale_owner_cannot_release_or_extend(client, prefix):
    stale = RedisLock(client, "job", ttl_ms=100, prefix=prefix)
    fresh = RedisLock(client, "job", ttl_ms=5_000, prefix=prefix)
    assert stale.acquire(blocking=False)
    time.sleep(0.2)
    assert fresh.acquire(blocking=False)
    assert not stale.extend(5_000)
    assert not stale.release()
    assert client.get(fresh.key).decode() == fresh.token
    assert fresh.release()


def test_holders_never_overlap(client, prefix):
    inside = []

    def work(index):
        lock = RedisLock(client, "critical", ttl_ms=5_000, prefix=prefix)
        with lock:
            inside.append(index)
            assert len(inside) == 1
            time.sleep(0.01)
            inside.remove(index)
        return True

    assert all(run_concurrently(8, work))


def test_context_manager_raises_when_not_acquired(client, prefix):
    holder = RedisLock(client, "busy", ttl_ms=5_000, prefix=prefix)
    assert holder.acquire(blocking=False)
    with pytest.raises(LockNotAcquired):
        with RedisLock(client, "busy", ttl_ms=5_000, prefix=prefix, wait_timeout_ms=100) as other:
            other.release()
            raise AssertionError("unreachable")
    holder.release()
`;
}

export function distributedLockTypescriptTest(): string {
  return `${typescriptTestPreamble('distributedLock', 'RedisLock', 'distributed-lock', { sleep: true })}
describe('RedisLock', () => {
  it('has one holder at a time and a lease TTL', async () => {
    const first = new RedisLock(redis, 'report', { ttlMs: 5000, prefix });
    const second = new RedisLock(redis, 'report', { ttlMs: 5000, prefix });
    expect(await first.acquire({ timeoutMs: 0 })).toBe(true);
    expect(await second.acquire({ timeoutMs: 100 })).toBe(false);
    expect(await redis.pttl(first.key)).toBeGreaterThan(0);
    expect(await first.release()).toBe(true);
    expect(await second.acquire({ timeoutMs: 0 })).toBe(true);
    expect(await second.release()).toBe(true);
  });

  it('refuses release and extend to a stale owner', async () => {
    const stale = new RedisLock(redis, 'job', { ttlMs: 100, prefix });
    const fresh = new RedisLock(redis, 'job', { ttlMs: 5000, prefix });
    expect(await stale.acquire({ timeoutMs: 0 })).toBe(true);
    await sleep(200);
    expect(await fresh.acquire({ timeoutMs: 0 })).toBe(true);
    expect(await stale.extend(5000)).toBe(false);
    expect(await stale.release()).toBe(false);
    expect(await redis.get(fresh.key)).toBe(fresh.token);
    expect(await fresh.release()).toBe(true);
  });

  it('never lets two holders overlap', async () => {
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        new RedisLock(connect(), 'critical', { ttlMs: 5000, prefix, retryIntervalMs: 10 }).withLock(async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await sleep(10);
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
  });
});
`;
}
