/** Python (redis-py) template of the lock: `RedisLock(client, name, *, ttl_ms, prefix)`, a context manager. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { distributedLockHeader, EXTEND_LUA, RELEASE_LUA } from './header';

export function distributedLockPython(prefix: string): string {
  return `${pythonHeader(distributedLockHeader(prefix))}
from __future__ import annotations

import random
import secrets
import time
from typing import Optional, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_RELEASE', RELEASE_LUA)}
${pythonLua('_EXTEND', EXTEND_LUA)}

class LockNotAcquired(Exception):
    """Raised by \`with lock:\` when the lock could not be acquired."""


class RedisLock:
    """A lease on \`name\` held for \`ttl_ms\` unless released or extended first."""

    def __init__(
        self,
        client: RedisClient,
        name: str,
        *,
        ttl_ms: int,
        prefix: str = ${pythonString(prefix)},
        retry_interval_ms: int = 50,
        wait_timeout_ms: Optional[int] = None,
    ) -> None:
        if ttl_ms < 1:
            raise ValueError("ttl_ms must be at least 1")
        self.key = f"{prefix}:{name}"
        self._client = client
        self._ttl_ms = ttl_ms
        self._retry_interval_ms = retry_interval_ms
        self._wait_timeout_ms = wait_timeout_ms
        self._token: Optional[str] = None
        self._release_script = client.register_script(_RELEASE)
        self._extend_script = client.register_script(_EXTEND)

    @property
    def token(self) -> Optional[str]:
        """Our token while we believe we hold the lock."""
        return self._token

    def acquire(self, blocking: bool = True, timeout_ms: Optional[int] = None) -> bool:
        """Takes the lock; while blocking, retries with jitter until \`timeout_ms\` (None: wait indefinitely)."""
        token = secrets.token_hex(16)
        deadline = None if timeout_ms is None else time.monotonic() + timeout_ms / 1000
        while True:
            if self._client.set(self.key, token, nx=True, px=self._ttl_ms):
                self._token = token
                return True
            if not blocking:
                return False
            pause = self._retry_interval_ms * random.uniform(0.5, 1.5) / 1000
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                pause = min(pause, remaining)
            time.sleep(pause)

    def release(self) -> bool:
        """Releases the lock; False when it had expired and is no longer ours (someone else may hold it)."""
        if self._token is None:
            return False
        token, self._token = self._token, None
        return bool(self._release_script(keys=[self.key], args=[token]))

    def extend(self, ttl_ms: int) -> bool:
        """Sets the remaining lease to \`ttl_ms\`; False when the lock is no longer ours."""
        if self._token is None:
            return False
        return bool(self._extend_script(keys=[self.key], args=[self._token, ttl_ms]))

    def __enter__(self) -> "RedisLock":
        """Waits up to wait_timeout_ms (None: indefinitely), then raises LockNotAcquired."""
        if not self.acquire(timeout_ms=self._wait_timeout_ms):
            raise LockNotAcquired(self.key)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
`;
}
