/** Python (redis-py) template of delayed jobs: `DelayedJobs(client, name, *, prefix)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { CANCEL_LUA, CLAIM_LUA, delayedJobsHeader, SCHEDULE_LUA } from './header';

export function delayedJobsPython(prefix: string): string {
  return `${pythonHeader(delayedJobsHeader(prefix))}
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_SCHEDULE', SCHEDULE_LUA)}
${pythonLua('_CLAIM', CLAIM_LUA)}
${pythonLua('_CANCEL', CANCEL_LUA)}

@dataclass(frozen=True)
class DelayedJob:
    id: str
    payload: Dict[str, Any]
    due_ms: int


def _text(value: Union[str, bytes]) -> str:
    return value.decode() if isinstance(value, bytes) else value


class DelayedJobs:
    """Jobs that become claimable at a due time."""

    def __init__(self, client: RedisClient, name: str, *, prefix: str = ${pythonString(prefix)}) -> None:
        self.due_key = f"{prefix}:{{{name}}}:due"
        self.jobs_key = f"{prefix}:{{{name}}}:jobs"
        self._client = client
        self._schedule = client.register_script(_SCHEDULE)
        self._claim = client.register_script(_CLAIM)
        self._cancel = client.register_script(_CANCEL)

    def schedule(self, payload: Dict[str, Any], delay_ms: int, job_id: Optional[str] = None) -> str:
        """Schedules the job \`delay_ms\` from now (server clock); re-scheduling an id moves it."""
        job_id = job_id or uuid.uuid4().hex
        self._schedule(keys=[self.due_key, self.jobs_key], args=[job_id, max(0, delay_ms), json.dumps(payload)])
        return job_id

    def claim_due(self, count: int = 10) -> List[DelayedJob]:
        """Removes and returns up to \`count\` jobs that are due, earliest first; each job goes to one caller."""
        rows = self._claim(keys=[self.due_key, self.jobs_key], args=[count])
        return [DelayedJob(_text(rows[i]), json.loads(_text(rows[i + 1])), int(float(rows[i + 2]))) for i in range(0, len(rows), 3)]

    def cancel(self, job_id: str) -> bool:
        return bool(self._cancel(keys=[self.due_key, self.jobs_key], args=[job_id]))

    def pending(self) -> int:
        return int(self._client.zcard(self.due_key))
`;
}
