/** Python (redis-py) template of the session store: `SessionStore(client, *, prefix, ttl_seconds, max_fields, max_value_bytes)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { READ_LUA, sessionStoreHeader, WRITE_LUA } from './header';

export function sessionStorePython(prefix: string): string {
  return `${pythonHeader(sessionStoreHeader(prefix))}
from __future__ import annotations

import secrets
from typing import Dict, Optional, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_WRITE', WRITE_LUA)}
${pythonLua('_READ', READ_LUA)}

class SessionTooLarge(ValueError):
    """Raised when a write would exceed max_fields or max_value_bytes."""


def _text(value: Union[str, bytes]) -> str:
    return value.decode() if isinstance(value, bytes) else value


class SessionStore:
    """Sessions as hashes that expire after \`ttl_seconds\` without use."""

    def __init__(
        self,
        client: RedisClient,
        *,
        prefix: str = ${pythonString(prefix)},
        ttl_seconds: int = 1800,
        max_fields: int = 64,
        max_value_bytes: int = 4096,
    ) -> None:
        self._prefix = prefix
        self._client = client
        self._ttl_seconds = ttl_seconds
        self._max_fields = max_fields
        self._max_value_bytes = max_value_bytes
        self._write = client.register_script(_WRITE)
        self._read = client.register_script(_READ)

    def key(self, session_id: str) -> str:
        return f"{self._prefix}:{session_id}"

    def create(self, data: Dict[str, str]) -> str:
        """Stores a new session and returns its id."""
        while True:
            session_id = secrets.token_urlsafe(24)
            if self._store(session_id, data, "new") == 1:
                return session_id

    def get(self, session_id: str) -> Optional[Dict[str, str]]:
        """The session's fields (renewing its expiry), or None when it expired or never existed."""
        fields = self._read(keys=[self.key(session_id)], args=[self._ttl_seconds])
        if not fields:
            return None
        return {_text(fields[i]): _text(fields[i + 1]) for i in range(0, len(fields), 2)}

    def update(self, session_id: str, data: Dict[str, str]) -> bool:
        """Sets fields of a live session (renewing its expiry); False when the session is gone."""
        return self._store(session_id, data, "existing") == 1

    def touch(self, session_id: str) -> bool:
        """Renews the expiry without reading; False when the session is gone."""
        return bool(self._client.expire(self.key(session_id), self._ttl_seconds))

    def destroy(self, session_id: str) -> bool:
        """Deletes the session (logout)."""
        return bool(self._client.unlink(self.key(session_id)))

    def _store(self, session_id: str, data: Dict[str, str], mode: str) -> int:
        args = [self._ttl_seconds, self._max_fields, mode]
        for field, value in data.items():
            if len(str(value).encode()) > self._max_value_bytes:
                raise SessionTooLarge(f"field {field!r} is larger than {self._max_value_bytes} bytes")
            args.extend([field, str(value)])
        result = int(self._write(keys=[self.key(session_id)], args=args))
        if result == -2:
            raise SessionTooLarge(f"a session holds at most {self._max_fields} fields")
        return result
`;
}
