/** Python (redis-py) template of Pub/Sub invalidation: `InvalidatingCache(client, *, prefix, ttl_seconds, ...)`. */
import { pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { pubsubInvalidationHeader } from './header';

export function pubsubInvalidationPython(prefix: string): string {
  return `${pythonHeader(pubsubInvalidationHeader(prefix))}
from __future__ import annotations

import json
import threading
import time
import uuid
from collections import OrderedDict
from typing import Any, Optional, Tuple, Union

from redis import Redis
from redis.cluster import RedisCluster
from redis.exceptions import ConnectionError as RedisConnectionError

RedisClient = Union[Redis, RedisCluster]


def _text(value: Union[str, bytes]) -> str:
    return value.decode() if isinstance(value, bytes) else value


class InvalidatingCache:
    """Local cache + Redis; call close() on shutdown to stop the subscriber thread."""

    def __init__(
        self,
        client: RedisClient,
        *,
        prefix: str = ${pythonString(prefix)},
        ttl_seconds: int = 300,
        local_max_items: int = 10000,
        local_ttl_seconds: float = 60,
    ) -> None:
        self._client = client
        self._prefix = prefix
        self._ttl_seconds = ttl_seconds
        self._local_max_items = local_max_items
        self._local_ttl_seconds = local_ttl_seconds
        self.channel = f"{prefix}:invalidations"
        # Messages carry the sender's id so an instance does not drop the copy it just wrote.
        self._instance_id = uuid.uuid4().hex
        self._local: OrderedDict[str, Tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0
        self._stopped = threading.Event()
        self._subscribed = threading.Event()
        # PubSub takes its own connection: the subscriber never blocks normal commands.
        self._pubsub = client.pubsub()
        self._pubsub.subscribe(self.channel)
        self._thread = threading.Thread(target=self._listen, name="invalidating-cache", daemon=True)
        self._thread.start()
        self._subscribed.wait(5)

    def key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    def get(self, key: str) -> Optional[Any]:
        """The value from local memory, else from Redis (then kept locally); None when absent."""
        with self._lock:
            entry = self._local.get(key)
            if entry is not None and entry[0] > time.monotonic():
                self._local.move_to_end(key)
                return entry[1]
            generation = self._generation
        raw = self._client.get(self.key(key))
        value = None if raw is None else json.loads(raw)
        with self._lock:
            # An invalidation arrived while we read: our value may be stale, do not keep it.
            if value is not None and generation == self._generation:
                self._local[key] = (time.monotonic() + self._local_ttl_seconds, value)
                self._local.move_to_end(key)
                while len(self._local) > self._local_max_items:
                    self._local.popitem(last=False)
        return value

    def set(self, key: str, value: Any) -> None:
        """Writes to Redis, then tells every instance (including this one) to drop its copy."""
        self._client.set(self.key(key), json.dumps(value), ex=self._ttl_seconds)
        self._invalidate_locally(key)
        self._client.publish(self.channel, f"{self._instance_id}:{key}")

    def delete(self, key: str) -> None:
        self._client.unlink(self.key(key))
        self._invalidate_locally(key)
        self._client.publish(self.channel, f"{self._instance_id}:{key}")

    def local_size(self) -> int:
        with self._lock:
            return len(self._local)

    def close(self) -> None:
        self._stopped.set()
        self._thread.join(5)
        self._pubsub.close()

    def _invalidate_locally(self, key: Optional[str]) -> None:
        with self._lock:
            self._generation += 1
            if key is None:
                self._local.clear()
            else:
                self._local.pop(key, None)

    def _listen(self) -> None:
        while not self._stopped.is_set():
            try:
                message = self._pubsub.get_message(timeout=0.2)
            except RedisConnectionError:
                # Messages published while we were away are lost: forget everything, then resubscribe.
                self._invalidate_locally(None)
                time.sleep(0.5)
                continue
            if message is None:
                continue
            if message["type"] == "subscribe":
                self._invalidate_locally(None)
                self._subscribed.set()
            elif message["type"] == "message":
                sender, _, key = _text(message["data"]).partition(":")
                if sender != self._instance_id:
                    self._invalidate_locally(key)
`;
}
