/**
 * unbounded-collection-read on one owner's collection within a place (`inventory:{guild}:{user}`: one member's items
 * in one server, `wishlist:{shop_id}:{customer_id}`): the owner's id scopes it to what that one owner has, wherever
 * it is kept. Tricky negatives, still reported: the place's own collection (a guild's scores per member), an owner's
 * collection in a place whose name says it gathers events (messages), and a place's key that names no owner.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function wholeReadLines(path: string, text: string): number[] {
  return findingLines.inFile('unbounded-collection-read', { path, text });
}

const ASYNC_CLIENT = 'import redis.asyncio as redis\n\nr = redis.Redis()\n';

describe("unbounded-collection-read on one owner's collection within a place", () => {
  it("leaves out a member's inventory hash and badge set keyed by the server and the member", () => {
    const text = `${ASYNC_CLIENT}

class Backpack:
    def __init__(self, guild, user):
        self.guild = guild
        self.user = user

    async def put(self, item_id, qty=1):
        await r.hincrby(f"backpack:{self.guild}:{self.user}", item_id, qty)

    async def contents(self):
        return await r.hgetall(f"backpack:{self.guild}:{self.user}")


async def badges(guild_id, member_id):
    return await r.smembers(f"badges:{guild_id}:{member_id}")


async def wishlist(shop_id, customer_id, product_id):
    await r.sadd(f"wishlist:{shop_id}:{customer_id}", product_id)
    return await r.smembers(f"wishlist:{shop_id}:{customer_id}")
`;
    expect(wholeReadLines('bot/backpack.py', text)).toEqual([]);
  });

  it("still reports the place's own per-member map, an owner's messages in a room or a guild, and a room's roster", () => {
    const text = `${ASYNC_CLIENT}

async def add_points(guild_id, user_id, points):
    await r.hincrby(f"points:{guild_id}", user_id, points)
    return await r.hgetall(f"points:{guild_id}")


async def mentions(room_id, user_id, message_id):
    await r.sadd(f"room:{room_id}:user:{user_id}:messages", message_id)
    return await r.smembers(f"room:{room_id}:user:{user_id}:messages")


async def mentions_of(guild_id, member_id, message_id):
    await r.sadd(f"mentions:{guild_id}:{member_id}", message_id)
    return await r.smembers(f"mentions:{guild_id}:{member_id}")


async def roster(room_id, user_id):
    await r.sadd(f"room:{room_id}:users", user_id)
    return await r.smembers(f"room:{room_id}:users")
`;
    expect(wholeReadLines('bot/points.py', text)).toEqual([8, 13, 18, 23]);
  });
});
