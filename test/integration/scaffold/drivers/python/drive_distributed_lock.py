"""Distributed lock: 6 threads x 5 critical sections must never overlap; a stale owner cannot release or extend."""
import time

from distributed_lock import RedisLock
from scaffold_driver import connect, prefix, report, run_concurrently

PREFIX = prefix("distributed-lock")
INSIDE = PREFIX + "-inside"
clients = [connect() for _ in range(6)]


def worker(index):
    client = clients[index]
    overlaps = 0
    released = 0
    for _ in range(5):
        lock = RedisLock(client, "critical", ttl_ms=5_000, prefix=PREFIX, retry_interval_ms=5)
        assert lock.acquire(timeout_ms=20_000)
        if client.incr(INSIDE) != 1:
            overlaps += 1
        time.sleep(0.005)
        client.decr(INSIDE)
        released += int(lock.release())
    return [overlaps, released]


results = run_concurrently(6, worker)
client = clients[0]
client.delete(INSIDE)

stale = RedisLock(client, "job", ttl_ms=100, prefix=PREFIX)
fresh = RedisLock(client, "job", ttl_ms=5_000, prefix=PREFIX)
stale_acquired = stale.acquire(blocking=False)
fresh_while_held = RedisLock(client, "job", ttl_ms=5_000, prefix=PREFIX).acquire(blocking=False)
time.sleep(0.2)
fresh_acquired = fresh.acquire(timeout_ms=1_000)
stale_extend = stale.extend(5_000)
stale_release = stale.release()
holder = client.get(fresh.key)

with RedisLock(client, "scoped", ttl_ms=5_000, prefix=PREFIX) as scoped:
    scoped_ttl = client.pttl(scoped.key)
scoped_left = client.exists(scoped.key)

report(
    {
        "acquisitions": sum(released for _, released in results),
        "overlaps": sum(overlaps for overlaps, _ in results),
        "staleAcquired": stale_acquired,
        "secondWhileHeld": fresh_while_held,
        "freshAcquired": fresh_acquired,
        "staleExtend": stale_extend,
        "staleRelease": stale_release,
        "holderIsFresh": holder in (fresh.token, fresh.token.encode()),
        "freshTtlMs": client.pttl(fresh.key),
        "scopedTtlMs": scoped_ttl,
        "scopedLeft": scoped_left,
        "freshRelease": fresh.release(),
    }
)
