/** Python (redis-py) template of time-series events: `EventSeries(client, *, prefix, retention_ms, max_len)`. */
import { pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { timeSeriesEventsHeader } from './header';

export function timeSeriesEventsPython(prefix: string): string {
  return `${pythonHeader(timeSeriesEventsHeader(prefix))}
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]


def _text(value: Union[str, bytes]) -> str:
    return value.decode() if isinstance(value, bytes) else value


@dataclass(frozen=True)
class Event:
    id: str
    timestamp_ms: int
    fields: Dict[str, str]


def _event(entry_id: Union[str, bytes], fields: Dict) -> Event:
    text_id = _text(entry_id)
    return Event(text_id, int(text_id.split("-")[0]), {_text(k): _text(v) for k, v in fields.items()})


class EventSeries:
    """Append-only event series with time-based retention."""

    def __init__(
        self,
        client: RedisClient,
        *,
        prefix: str = ${pythonString(prefix)},
        retention_ms: Optional[int] = 7 * 86400 * 1000,
        max_len: Optional[int] = None,
    ) -> None:
        if retention_ms is None and max_len is None:
            raise ValueError("give retention_ms or max_len: an unbounded stream grows forever")
        self._client = client
        self._prefix = prefix
        self._retention_ms = retention_ms
        self._max_len = max_len

    def key(self, series: str) -> str:
        return f"{self._prefix}:{series}"

    def add(self, series: str, fields: Dict[str, Union[str, int, float]], timestamp_ms: Optional[int] = None) -> str:
        """Appends an event (now, or at timestamp_ms) and trims what fell out of retention."""
        key = self.key(series)
        entry_id = "*" if timestamp_ms is None else f"{timestamp_ms}-*"
        with self._client.pipeline(transaction=False) as pipe:
            if self._retention_ms is not None:
                oldest = int(time.time() * 1000) - self._retention_ms
                pipe.xadd(key, fields, id=entry_id, minid=oldest, approximate=True)
                pipe.pexpire(key, self._retention_ms)
            else:
                pipe.xadd(key, fields, id=entry_id, maxlen=self._max_len, approximate=True)
            return _text(pipe.execute()[0])

    def range(self, series: str, start_ms: int, end_ms: int, count: int = 1000) -> List[Event]:
        """Up to \`count\` events with start_ms <= timestamp <= end_ms, oldest first."""
        return [_event(entry_id, fields) for entry_id, fields in self._client.xrange(self.key(series), start_ms, end_ms, count=count)]

    def iterate(self, series: str, start_ms: int, end_ms: int, page_size: int = 500) -> Iterator[Event]:
        """Every event in the range, fetched page by page."""
        start = str(start_ms)
        while True:
            page = self._client.xrange(self.key(series), start, end_ms, count=page_size)
            for entry_id, fields in page:
                yield _event(entry_id, fields)
            if len(page) < page_size:
                return
            start = "(" + _text(page[-1][0])

    def latest(self, series: str, count: int = 10) -> List[Event]:
        """The newest events, newest first."""
        return [_event(entry_id, fields) for entry_id, fields in self._client.xrevrange(self.key(series), "+", "-", count=count)]
`;
}
