/**
 * unbounded-list-growth on keys a builder makes that the file cannot evaluate (a method inherited from another
 * module): the push and the file's reads and trims of the same builder call meet. Tricky negatives: the same
 * builder trimmed after the push, and a builder list that nothing in the project reads (a hand-off).
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const HEAD = 'from redis.asyncio import Redis\n\nfrom app.keys import KeyedRepository\n\n\nclass Events(KeyedRepository):\n    def __init__(self, redis: Redis):\n        self.redis = redis\n\n';

function pushLines(text: string): number[] {
  return findingLines.inWorkspace('unbounded-list-growth', [{ path: 'app/events.py', text }], 0);
}

describe('unbounded-list-growth on keys from a builder of another module', () => {
  it('reports a push to a built key that the file reads whole and never trims', () => {
    const text = HEAD + '    async def record(self, task_id: str, event: str):\n        key = self._events_key(task_id)\n        await self.redis.rpush(key, event)\n\n    async def events(self, task_id: str):\n        key = self._events_key(task_id)\n        return await self.redis.lrange(key, 0, -1)\n';
    expect(pushLines(text)).toEqual([12]);
  });

  it('leaves the push alone when the same builder key is trimmed, or when nothing reads it', () => {
    const trimmed = HEAD + '    async def record(self, task_id: str, event: str):\n        key = self._events_key(task_id)\n        await self.redis.rpush(key, event)\n        await self.redis.ltrim(key, -100, -1)\n\n    async def events(self, task_id: str):\n        return await self.redis.lrange(self._events_key(task_id), 0, -1)\n';
    expect(pushLines(trimmed)).toEqual([]);
    const handOff = HEAD + '    async def record(self, task_id: str, event: str):\n        await self.redis.rpush(self._events_key(task_id), event)\n';
    expect(pushLines(handOff)).toEqual([]);
  });
});
