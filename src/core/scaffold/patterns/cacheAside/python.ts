/** Python (redis-py) template of cache-aside: `CacheAside(client, *, prefix, ttl_seconds)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { cacheAsideHeader, UNLOCK_LUA } from './header';

export function cacheAsidePython(prefix: string): string {
  return `${pythonHeader(cacheAsideHeader(prefix))}
from __future__ import annotations

import json
import random
import secrets
import time
from typing import Any, Callable, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_UNLOCK', UNLOCK_LUA)}

class CacheAside:
    """Reads through Redis to a loader; concurrent misses of one key share a single loader call."""

    def __init__(
        self,
        client: RedisClient,
        *,
        prefix: str = ${pythonString(prefix)},
        ttl_seconds: int,
        jitter_ratio: float = 0.1,
        lock_ttl_ms: int = 5000,
        wait_timeout_ms: int = 5000,
        poll_interval_ms: int = 20,
    ) -> None:
        if ttl_seconds < 1:
            raise ValueError("ttl_seconds must be at least 1")
        self._client = client
        self._prefix = prefix
        self._ttl_seconds = ttl_seconds
        self._jitter_ratio = jitter_ratio
        self._lock_ttl_ms = lock_ttl_ms
        self._wait_timeout_ms = wait_timeout_ms
        self._poll_interval_ms = poll_interval_ms
        self._unlock = client.register_script(_UNLOCK)

    def key(self, key: str) -> str:
        """The Redis key of a cached value."""
        return f"{self._prefix}:{{{key}}}"

    def get_or_load(self, key: str, loader: Callable[[], Any]) -> Any:
        """The cached value, or the loader's (JSON-serialisable) result, cached with a jittered TTL."""
        cache_key = self.key(key)
        lock_key = cache_key + ":lock"
        while True:
            cached = self._client.get(cache_key)
            if cached is not None:
                return json.loads(cached)
            token = secrets.token_hex(16)
            if self._client.set(lock_key, token, nx=True, px=self._lock_ttl_ms):
                try:
                    # Another caller may have stored the value between our GET and SET NX.
                    cached = self._client.get(cache_key)
                    if cached is not None:
                        return json.loads(cached)
                    value = loader()
                    self._client.set(cache_key, json.dumps(value), ex=self._ttl_with_jitter())
                    return value
                finally:
                    self._unlock(keys=[lock_key], args=[token])
            outcome = self._wait_for_loader(cache_key, lock_key)
            if outcome is _LOCK_RELEASED:
                continue
            if outcome is _TIMED_OUT:
                return loader()
            return outcome

    def invalidate(self, key: str) -> None:
        """Drops the cached value; the next read loads it again."""
        self._client.unlink(self.key(key))

    def _ttl_with_jitter(self) -> int:
        return max(1, round(self._ttl_seconds * (1 + random.uniform(0, self._jitter_ratio))))

    def _wait_for_loader(self, cache_key: str, lock_key: str) -> Any:
        deadline = time.monotonic() + self._wait_timeout_ms / 1000
        while time.monotonic() < deadline:
            time.sleep(self._poll_interval_ms / 1000 * random.uniform(0.5, 1.5))
            with self._client.pipeline(transaction=False) as pipe:
                cached, locked = pipe.get(cache_key).exists(lock_key).execute()
            if cached is not None:
                return json.loads(cached)
            if not locked:
                return _LOCK_RELEASED
        return _TIMED_OUT


_LOCK_RELEASED = object()
_TIMED_OUT = object()
`;
}
