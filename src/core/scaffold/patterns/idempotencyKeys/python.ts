/** Python (redis-py) template of idempotency keys: `IdempotencyKeys(client, *, prefix, ttl_seconds, lock_ttl_ms)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { ABANDON_LUA, COMPLETE_LUA, idempotencyKeysHeader } from './header';

export function idempotencyKeysPython(prefix: string): string {
  return `${pythonHeader(idempotencyKeysHeader(prefix))}
from __future__ import annotations

import json
import random
import secrets
import time
from typing import Any, Callable, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_COMPLETE', COMPLETE_LUA)}
${pythonLua('_ABANDON', ABANDON_LUA)}

class RequestInProgress(Exception):
    """Another call with the same key is still running (answer 409 / retry later)."""


class KeyReusedForDifferentRequest(Exception):
    """The key was first used with a different request fingerprint (answer 422)."""


class IdempotencyKeys:
    """Runs a handler at most once per idempotency key and replays its stored result."""

    def __init__(
        self,
        client: RedisClient,
        *,
        prefix: str = ${pythonString(prefix)},
        ttl_seconds: int = 86400,
        lock_ttl_ms: int = 30000,
    ) -> None:
        self._client = client
        self._prefix = prefix
        self._ttl_seconds = ttl_seconds
        self._lock_ttl_ms = lock_ttl_ms
        self._complete = client.register_script(_COMPLETE)
        self._abandon = client.register_script(_ABANDON)

    def key(self, idempotency_key: str) -> str:
        return f"{self._prefix}:{idempotency_key}"

    def run(self, idempotency_key: str, handler: Callable[[], Any], *, fingerprint: str = "", wait_ms: int = 0) -> Any:
        """The handler's result, computed once; concurrent duplicates wait up to wait_ms, then raise RequestInProgress."""
        record_key = self.key(idempotency_key)
        deadline = time.monotonic() + wait_ms / 1000
        while True:
            token = secrets.token_hex(16)
            pending = json.dumps({"state": "pending", "token": token, "fingerprint": fingerprint})
            if self._client.set(record_key, pending, nx=True, px=self._lock_ttl_ms):
                return self._execute(record_key, token, fingerprint, handler)
            raw = self._client.get(record_key)
            if raw is None:
                continue  # the claim expired or was abandoned in between: try to claim it ourselves
            record = json.loads(raw)
            if record.get("fingerprint", "") != fingerprint:
                raise KeyReusedForDifferentRequest(idempotency_key)
            if record["state"] == "done":
                return record["result"]
            if time.monotonic() >= deadline:
                raise RequestInProgress(idempotency_key)
            time.sleep(random.uniform(0.01, 0.03))

    def _execute(self, record_key: str, token: str, fingerprint: str, handler: Callable[[], Any]) -> Any:
        try:
            result = handler()
        except BaseException:
            self._abandon(keys=[record_key], args=[token])
            raise
        done = json.dumps({"state": "done", "fingerprint": fingerprint, "result": result})
        self._complete(keys=[record_key], args=[token, done, self._ttl_seconds])
        return result
`;
}
