"""Cache-aside: 50 concurrent misses from 50 connections and instances call the loader once."""
import threading
import time

from cache_aside import CacheAside
from scaffold_driver import connect, prefix, report, run_concurrently

PREFIX = prefix("cache-aside")
clients = [connect() for _ in range(50)]
calls = []
calls_lock = threading.Lock()


def loader():
    with calls_lock:
        calls.append(1)
    time.sleep(0.3)
    return {"name": "Ada", "loaded": len(calls)}


caches = [CacheAside(client, prefix=PREFIX, ttl_seconds=120) for client in clients]
results = run_concurrently(50, lambda index: caches[index].get_or_load("user:42", loader))
concurrent_calls = len(calls)
client = clients[0]
cache = caches[0]
ttl = client.ttl(cache.key("user:42"))
lock_left = client.exists(cache.key("user:42") + ":lock")
cache.invalidate("user:42")
reloaded = cache.get_or_load("user:42", loader)

failed = False
try:
    cache.get_or_load("broken", lambda: 1 / 0)
except ZeroDivisionError:
    failed = True
recovered = cache.get_or_load("broken", lambda: "recovered")

report(
    {
        "loaderCallsForConcurrentMisses": concurrent_calls,
        "distinctResults": len({repr(result) for result in results}),
        "ttlSeconds": ttl,
        "lockLeft": lock_left,
        "reloaded": reloaded,
        "failedLoaderRaised": failed,
        "recovered": recovered,
    }
)
