"""Pub/Sub invalidation: three instances; a write on one drops the others' local copies, also after a subscriber reconnect."""
import time

from pubsub_invalidation import InvalidatingCache
from scaffold_driver import connect, prefix, report

PREFIX = prefix("pubsub-invalidation")
clients = [connect() for _ in range(3)]
caches = [InvalidatingCache(client, prefix=PREFIX, ttl_seconds=60) for client in clients]


def eventually(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


caches[0].set("price", 10)
# Let the invalidation reach the other instances first: a read racing it is (correctly) not kept locally.
time.sleep(0.1)
first_reads = [cache.get("price") for cache in caches]
cached_sizes = [cache.local_size() for cache in caches]
caches[0].set("price", 12)
dropped = eventually(lambda: caches[1].local_size() == 0 and caches[2].local_size() == 0)
second_reads = [cache.get("price") for cache in caches]
for cache in caches:
    cache.get("other")
caches[0].set("other", 1)
[cache.get("other") for cache in caches]
clients[0].client_kill_filter(_type="pubsub")
cleared_after_reconnect = eventually(lambda: all(cache.local_size() == 0 for cache in caches))
time.sleep(0.3)
[cache.get("price") for cache in caches]
caches[2].set("price", 14)
dropped_after_reconnect = eventually(lambda: caches[0].local_size() == 0 and caches[1].local_size() == 0)
third_reads = [cache.get("price") for cache in caches]
caches[1].delete("price")
deleted = eventually(lambda: all(cache.get("price") is None for cache in caches))
caches[0].set("ttl-check", 1)
ttl = clients[0].ttl(caches[0].key("ttl-check"))
for cache in caches:
    cache.close()
report(
    {
        "firstReads": first_reads,
        "cachedSizes": cached_sizes,
        "dropped": dropped,
        "secondReads": second_reads,
        "clearedAfterReconnect": cleared_after_reconnect,
        "droppedAfterReconnect": dropped_after_reconnect,
        "thirdReads": third_reads,
        "deleted": deleted,
        "ttl": ttl,
    }
)
