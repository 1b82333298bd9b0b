/**
 * command-in-loop through a static loader of a class of the file called on the class (`Item.from_redis(r, uuid)`,
 * `Ticket.fromStore(redis, id)`): it reads one item's record per round, an item accessor like `get_item(uuid)`.
 * Tricky negatives: a class method that sends nothing to Redis (a database model), a loader of a class the file
 * does not define, and a loader called once outside any loop.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function loopLines(path: string, text: string): number[] {
  return findingLines.inFile('command-in-loop', { path, text });
}

const ASYNC_HEADER = 'import redis.asyncio as redis\n\nr = redis.Redis()\n';
const IOREDIS_HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('command-in-loop through static loaders of the file\'s classes', () => {
  it('reports a comprehension and a loop that load each record with the class\'s from_redis', () => {
    const text = `${ASYNC_HEADER}

class Badge:
    @staticmethod
    async def from_redis(client, badge_id):
        badge = Badge()
        badge.id = badge_id
        badge.title = await client.hget(f"badge:{badge_id}", "title")
        badge.icon = await client.hget(f"badge:{badge_id}", "icon")
        badge.rarity = await client.hget(f"badge:{badge_id}", "rarity")
        return badge


async def shelf(badge_ids):
    return [await Badge.from_redis(r, badge_id) for badge_id in badge_ids]


async def showcase(badge_ids):
    shown = []
    for badge_id in badge_ids:
        shown.append(await Badge.from_redis(r, badge_id))
    return shown
`;
    expect(loopLines('bot/badges.py', text)).toEqual([18, 24]);
  });

  it('reports a TS static loader awaited per id', () => {
    const text = `${IOREDIS_HEADER}
class Ticket {
  id = '';
  title: string | null = null;
  static async fromStore(client: Redis, id: string) {
    const ticket = new Ticket();
    ticket.id = id;
    ticket.title = await client.hget(\`ticket:\${id}\`, 'title');
    return ticket;
  }
}

export async function board(ids: string[]) {
  const out: Ticket[] = [];
  for (const id of ids) out.push(await Ticket.fromStore(redis, id));
  return out;
}
`;
    expect(loopLines('src/tickets.ts', text)).toEqual([18]);
  });

  it('leaves out a class method that sends nothing, a class of another module, and a single load', () => {
    const text = `${ASYNC_HEADER}
from .models import Profile


class Tally:
    @staticmethod
    def from_rows(rows):
        return sum(row.count for row in rows)


async def tallies(groups):
    return [Tally.from_rows(rows) for rows in groups]


async def profiles(user_ids):
    return [await Profile.from_redis(r, user_id) for user_id in user_ids]


async def one(badge_id):
    return await Tally.from_rows([badge_id])
`;
    expect(loopLines('bot/tallies.py', text)).toEqual([]);
  });
});
