/** Python (redis-py) template of the job queue: `JobQueue(client, name, *, group, max_len, visibility_timeout_ms, max_deliveries)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { jobQueueHeader, RECLAIM_LUA } from './header';

export function jobQueuePython(prefix: string): string {
  return `${pythonHeader(jobQueueHeader(prefix))}
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, List, Union

from redis import Redis
from redis.cluster import RedisCluster
from redis.exceptions import ResponseError

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_RECLAIM', RECLAIM_LUA)}

def _text(value: Union[str, bytes]) -> str:
    return value.decode() if isinstance(value, bytes) else value


@dataclass(frozen=True)
class Job:
    """A job as handed to a consumer; \`deliveries\` counts this delivery too."""

    id: str
    payload: Dict[str, Any]
    deliveries: int


class JobQueue:
    """At-least-once job queue on one Stream and consumer group."""

    def __init__(
        self,
        client: RedisClient,
        name: str,
        *,
        group: str = "workers",
        max_len: int = 100000,
        visibility_timeout_ms: int = 30000,
        max_deliveries: int = 5,
        prefix: str = ${pythonString(prefix)},
    ) -> None:
        self.stream_key = f"{prefix}:{{{name}}}:stream"
        self.dead_letter_key = f"{prefix}:{{{name}}}:dead"
        self._client = client
        self._group = group
        self._max_len = max_len
        self._visibility_timeout_ms = visibility_timeout_ms
        self._max_deliveries = max_deliveries
        self._reclaim = client.register_script(_RECLAIM)
        try:
            # Start at 0 so jobs enqueued before the group existed are not skipped.
            client.xgroup_create(self.stream_key, group, id="0", mkstream=True)
        except ResponseError as error:
            if "BUSYGROUP" not in str(error):
                raise

    def enqueue(self, payload: Dict[str, Any]) -> str:
        """Adds a job; the stream is trimmed to about max_len entries."""
        job_id = self._client.xadd(self.stream_key, {"payload": json.dumps(payload)}, maxlen=self._max_len, approximate=True)
        return _text(job_id)

    def reserve(self, consumer: str, count: int = 1, block_ms: int = 1000) -> List[Job]:
        """New jobs for \`consumer\`, waiting up to block_ms (keep it below the client's socket_timeout)."""
        reply = self._client.xreadgroup(self._group, consumer, {self.stream_key: ">"}, count=count, block=block_ms)
        jobs = []
        for _stream, entries in reply or []:
            for job_id, fields in entries:
                payload = {_text(field): _text(value) for field, value in fields.items()}.get("payload", "{}")
                jobs.append(Job(_text(job_id), json.loads(payload), 1))
        return jobs

    def ack(self, job_id: str) -> None:
        """Marks the job done; it is never delivered again."""
        self._client.xack(self.stream_key, self._group, job_id)

    def reclaim(self, consumer: str, count: int = 10) -> List[Job]:
        """Takes over jobs idle longer than the visibility timeout; dead-letters those delivered max_deliveries times."""
        rows = self._reclaim(
            keys=[self.stream_key, self.dead_letter_key],
            args=[self._group, consumer, self._visibility_timeout_ms, count, self._max_deliveries, self._max_len],
        )
        return [Job(_text(job_id), json.loads(_text(payload)), int(deliveries)) for job_id, payload, deliveries in rows]

    def dead_letters(self, count: int = 100) -> List[Job]:
        """The most recent dead-lettered jobs, newest first."""
        jobs = []
        for raw in self._client.lrange(self.dead_letter_key, 0, count - 1):
            record = json.loads(_text(raw))
            jobs.append(Job(record["id"], json.loads(record["payload"]), int(record["deliveries"])))
        return jobs
`;
}
