/** Python (redis-py) template of unique counters: `UniqueCounters(client, *, prefix, retention_days, max_user_id)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { COHORT_LUA, uniqueCountersHeader } from './header';

export function uniqueCountersPython(prefix: string): string {
  return `${pythonHeader(uniqueCountersHeader(prefix))}
from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import Iterable, List, Optional, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_COHORT', COHORT_LUA)}

def _day(day: Optional[date]) -> str:
    return (day or datetime.now(timezone.utc).date()).isoformat()


class UniqueCounters:
    """Approximate unique visitors per page and exact daily active users."""

    def __init__(
        self,
        client: RedisClient,
        *,
        prefix: str = ${pythonString(prefix)},
        retention_days: int = 35,
        max_user_id: int = 2**27,
    ) -> None:
        self._client = client
        self._prefix = prefix
        self._retention_seconds = retention_days * 86400
        self._max_user_id = max_user_id
        self._cohort = client.register_script(_COHORT)

    def visitors_key(self, page: str, day: Optional[date] = None) -> str:
        return f"{self._prefix}:{{uv:{page}}}:{_day(day)}"

    def active_key(self, day: Optional[date] = None) -> str:
        return f"{self._prefix}:{{dau}}:{_day(day)}"

    def record_visit(self, page: str, visitor_id: str, day: Optional[date] = None) -> None:
        key = self.visitors_key(page, day)
        with self._client.pipeline(transaction=False) as pipe:
            pipe.pfadd(key, visitor_id)
            pipe.expire(key, self._retention_seconds)
            pipe.execute()

    def unique_visitors(self, page: str, days: Iterable[date]) -> int:
        """Distinct visitors over the days (a union, ~0.81 % error)."""
        keys = [self.visitors_key(page, day) for day in days]
        return int(self._client.pfcount(*keys)) if keys else 0

    def mark_active(self, user_id: int, day: Optional[date] = None) -> None:
        if not 0 <= user_id < self._max_user_id:
            raise ValueError(f"user ids must be in [0, {self._max_user_id}) for a bitmap")
        key = self.active_key(day)
        with self._client.pipeline(transaction=False) as pipe:
            pipe.setbit(key, user_id, 1)
            pipe.expire(key, self._retention_seconds)
            pipe.execute()

    def is_active(self, user_id: int, day: Optional[date] = None) -> bool:
        return bool(self._client.getbit(self.active_key(day), user_id))

    def daily_active(self, day: Optional[date] = None) -> int:
        return int(self._client.bitcount(self.active_key(day)))

    def active_on_all(self, days: List[date]) -> int:
        """Users active on every one of the days."""
        return self._combine("AND", days)

    def active_on_any(self, days: List[date]) -> int:
        """Users active on at least one of the days."""
        return self._combine("OR", days)

    def _combine(self, operation: str, days: List[date]) -> int:
        if not days:
            return 0
        scratch = f"{self._prefix}:{{dau}}:scratch:{uuid.uuid4().hex}"
        return int(self._cohort(keys=[scratch, *[self.active_key(day) for day in days]], args=[operation]))
`;
}
