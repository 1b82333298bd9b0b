/**
 * command-in-loop over a local name holding a dict or object literal of up to three entries (the fields of a form
 * with their defaults): the loop runs once per entry written in the code, not per item of the data.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

function loopLines(path: string, text: string): number[] {
  return findingLines.inFile('command-in-loop', { path, text });
}

const ASYNC_HEADER = 'import redis.asyncio as redis\n\nr = redis.Redis()\n\n';
const IOREDIS_HEADER = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\n";

describe('command-in-loop over local literal tables', () => {
  it('leaves out a comprehension over a three-entry dict written one entry per line', () => {
    const text = `${ASYNC_HEADER}
async def settings(team_id):
    fallback = {
        "theme": "dark",
        "locale": "en",
        "digest": "weekly",
    }
    return {
        name: (await r.hget(f"team:{team_id}:settings", name) or fallback[name])
        for name in fallback
    }
`;
    expect(loopLines('app/settings.py', text)).toEqual([]);
  });

  it('leaves out a loop over a two-entry dict on one line and a for-in over a three-property object', () => {
    const py = `${ASYNC_HEADER}
async def limits(plan):
    caps = {"daily": 100, "hourly": 10}
    out = {}
    for window in caps:
        out[window] = await r.get(f"plan:{plan}:{window}")
    return out
`;
    expect(loopLines('app/limits.py', py)).toEqual([]);
    const ts = `${IOREDIS_HEADER}
export async function counters(shop: string) {
  const labels = { views: 'Views', carts: 'Carts', orders: 'Orders' };
  const out: Record<string, string | null> = {};
  for (const name in labels) {
    out[name] = await redis.get(\`shop:\${shop}:\${name}\`);
  }
  return out;
}
`;
    expect(loopLines('src/counters.ts', ts)).toEqual([]);
  });

  it('still reports a dict of four entries, one the function adds to, and one merged from another mapping', () => {
    const text = `${ASYNC_HEADER}
async def four(team_id):
    fields = {"a": 1, "b": 2, "c": 3, "d": 4}
    return [await r.hget(f"team:{team_id}", f) for f in fields]


async def grown(team_id, extra):
    fields = {"a": 1, "b": 2}
    fields[extra] = 0
    return [await r.hget(f"team:{team_id}", f) for f in fields]


async def merged(team_id, extra):
    fields = {"a": 1, **extra}
    return [await r.hget(f"team:{team_id}", f) for f in fields]
`;
    expect(loopLines('app/fields.py', text)).toEqual([8, 14, 19]);
  });

  it('still reports a loop over a comprehension whose first line opens and closes brackets of its own', () => {
    const text = `${ASYNC_HEADER}
async def stale(team_id, names):
    sizes = {name: len(name)
             for name in names}
    for name in sizes:
        await r.hdel(f"team:{team_id}", name)
`;
    expect(loopLines('app/stale.py', text)).toEqual([10]);
  });
});
