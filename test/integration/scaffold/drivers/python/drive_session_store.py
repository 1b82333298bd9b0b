"""Session store: sliding expiry, bounds, and every session key carrying a TTL."""
import time

from scaffold_driver import connect, prefix, report
from session_store import SessionStore, SessionTooLarge

PREFIX = prefix("session-store")
client = connect()
store = SessionStore(client, prefix=PREFIX, ttl_seconds=1, max_fields=3, max_value_bytes=16)
kept = store.create({"user": "42"})
idle = store.create({"user": "7"})
alive = []
for _ in range(3):
    time.sleep(0.6)
    alive.append(store.get(kept) is not None)
idle_after = store.get(idle)
updated = store.update(kept, {"cart": "3"})
too_many = too_big = False
try:
    store.update(kept, {"x": "1", "y": "2"})
except SessionTooLarge:
    too_many = True
try:
    store.update(kept, {"cart": "z" * 17})
except SessionTooLarge:
    too_big = True
long_lived = SessionStore(client, prefix=PREFIX, ttl_seconds=300).create({"user": "9"})
report(
    {
        "slidingAlive": alive,
        "idleExpired": idle_after is None,
        "updated": updated,
        "data": store.get(kept),
        "tooMany": too_many,
        "tooBig": too_big,
        "touch": store.touch(kept),
        "ttl": client.ttl(store.key(long_lived)),
        "destroyed": store.destroy(kept),
        "afterDestroy": store.get(kept),
        "updateAfterDestroy": store.update(kept, {"a": "b"}),
    }
)
