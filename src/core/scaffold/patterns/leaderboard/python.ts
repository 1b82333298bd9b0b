/** Python (redis-py) template of the leaderboard: `Leaderboard(client, name, *, prefix, max_members)`. */
import { pythonLua, pythonString } from '../../embed';
import { pythonHeader } from '../../header';
import { AROUND_LUA, leaderboardHeader } from './header';

export function leaderboardPython(prefix: string): string {
  return `${pythonHeader(leaderboardHeader(prefix))}
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Union

from redis import Redis
from redis.cluster import RedisCluster

RedisClient = Union[Redis, RedisCluster]

${pythonLua('_AROUND', AROUND_LUA)}

@dataclass(frozen=True)
class Entry:
    """A member's position: rank 0 is the best (highest) score."""

    member: str
    score: float
    rank: int


def _text(value: Union[str, bytes]) -> str:
    return value.decode() if isinstance(value, bytes) else value


class Leaderboard:
    """Highest score first."""

    def __init__(
        self,
        client: RedisClient,
        name: str,
        *,
        prefix: str = ${pythonString(prefix)},
        max_members: Optional[int] = None,
    ) -> None:
        self.key = f"{prefix}:{name}"
        self._client = client
        self._max_members = max_members
        self._around = client.register_script(_AROUND)

    def add(self, member: str, score: float) -> None:
        """Sets the member's score (and trims the board to max_members)."""
        with self._client.pipeline(transaction=False) as pipe:
            pipe.zadd(self.key, {member: score})
            if self._max_members:
                pipe.zremrangebyrank(self.key, 0, -self._max_members - 1)
            pipe.execute()

    def increment(self, member: str, by: float) -> float:
        """Adds to the member's score atomically and returns the new score."""
        return float(self._client.zincrby(self.key, by, member))

    def score(self, member: str) -> Optional[float]:
        return self._client.zscore(self.key, member)

    def rank(self, member: str) -> Optional[int]:
        """0 for the leader, None when the member is not on the board."""
        return self._client.zrevrank(self.key, member)

    def top(self, n: int = 10) -> List[Entry]:
        return self._range(0, n - 1)

    def page(self, page: int, page_size: int = 20) -> List[Entry]:
        """Page 0 is the top page_size members."""
        return self._range(page * page_size, (page + 1) * page_size - 1)

    def around(self, member: str, radius: int = 2) -> List[Entry]:
        """The member with up to \`radius\` neighbours on each side; empty when the member is not on the board."""
        reply = self._around(keys=[self.key], args=[member, radius])
        if not reply:
            return []
        first = int(reply[0])
        rows = reply[1:]
        return [Entry(_text(rows[i]), float(rows[i + 1]), first + i // 2) for i in range(0, len(rows), 2)]

    def remove(self, member: str) -> bool:
        return bool(self._client.zrem(self.key, member))

    def size(self) -> int:
        return int(self._client.zcard(self.key))

    def _range(self, start: int, stop: int) -> List[Entry]:
        rows = self._client.zrevrange(self.key, start, stop, withscores=True)
        return [Entry(_text(member), float(score), start + offset) for offset, (member, score) in enumerate(rows)]
`;
}
