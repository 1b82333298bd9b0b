/** Python (redis-py) template of the rate limiter: `RateLimiter(client, *, limit, window_seconds, prefix)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { rateLimiterHeader } from './header';
import { SLIDING_WINDOW_LUA } from './lua';

export function rateLimiterPython(prefix: string): string {
  return `${pythonHeader(rateLimiterHeader('python', prefix))}
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_SLIDING_WINDOW', SLIDING_WINDOW_LUA)}

@dataclass(frozen=True)
class RateLimitResult:
    """The decision for one request: remaining admissions in the window, or how long to wait."""

    allowed: bool
    remaining: int
    retry_after_ms: int


class RateLimiter:
    """Admits at most \`limit\` requests per identifier in any window of \`window_seconds\`."""

    def __init__(
        self,
        client: RedisClient,
        *,
        limit: int,
        window_seconds: float,
        prefix: str = ${pythonString(prefix)},
    ) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window_seconds <= 0:
            raise ValueError("window_seconds must be positive")
        self._limit = limit
        self._window_ms = max(1, int(window_seconds * 1000))
        self._prefix = prefix
        self._script = client.register_script(_SLIDING_WINDOW)

    def key(self, identifier: str) -> str:
        """The sorted set that holds the identifier's admissions."""
        return f"{self._prefix}:{identifier}"

    def allow(self, identifier: str) -> RateLimitResult:
        """Records the request and admits it when the window has room; denied requests are not recorded."""
        allowed, remaining, retry_after_ms = self._script(
            keys=[self.key(identifier)],
            args=[self._window_ms, self._limit, uuid.uuid4().hex],
        )
        return RateLimitResult(bool(allowed), int(remaining), int(retry_after_ms))
`;
}
