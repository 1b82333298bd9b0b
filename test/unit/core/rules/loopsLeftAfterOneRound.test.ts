/**
 * command-in-loop on commands whose block ends the loop (`break`/`return` right after them, in the same block):
 * they run once per pass, not once per item. A `break` that depends on the reply, sits in a deeper block, or
 * leaves a switch still leaves the per-item commands reported.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts } = loopFindingLines();

describe('command-in-loop: commands followed by break or return in their block', () => {
  it('does not report writes for the first matching item, then break (Python and TS)', () => {
    expect(py('def on_update(positions, symbol, payload):\n    for p in positions:\n        if p["s"] == symbol:\n            r.set(f"pos:{symbol}", payload)\n            r.publish(f"pos:{symbol}", payload)\n            break\n')).toEqual([]);
    expect(ts('export async function onUpdate(positions: { s: string }[], symbol: string, payload: string) {\n  for (const p of positions) {\n    if (p.s === symbol) {\n      await redis.set(`pos:${symbol}`, payload);\n      // the first position of the symbol is the one to keep\n      return p;\n    }\n  }\n}\n')).toEqual([]);
  });

  it('still reports a search whose reply decides the exit: one read per round until it hits', () => {
    expect(py('def first_hit(keys):\n    for k in keys:\n        if r.get(k):\n            return k\n')).toEqual([8]);
    expect(ts('export async function firstHit(keys: string[]) {\n  for (const k of keys) {\n    if (await redis.get(k)) {\n      return k;\n    }\n  }\n}\n')).toEqual([7]);
  });

  it('still reports when the break sits in a deeper block than the command', () => {
    expect(py('def each(keys):\n    for k in keys:\n        r.set(k, 1)\n        if k == "last":\n            break\n')).toEqual([8]);
  });

  it('still reports a break that leaves a switch inside the loop', () => {
    expect(ts("export async function each(keys: string[]) {\n  for (const k of keys) {\n    switch (k) {\n      case 'a':\n        await redis.set(k, 1);\n        break;\n    }\n  }\n}\n")).toEqual([9]);
  });
});

describe('command-in-loop: a method of a class of the file, called on the class', () => {
  it('does not take Board.incr() for a Redis INCR when the file defines class Board with incr', () => {
    const text = 'import redis\n\nr = redis.Redis()\n\n\nclass Board(object):\n    @staticmethod\n    def incr(member, times=1):\n        doc = Store.get(member)\n        doc.times += times\n        doc.save()\n\n    @staticmethod\n    def import_old(data):\n        for member, times in data:\n            Board.incr(member, times)\n';
    expect(py(text.slice(text.indexOf("class")))).toEqual([]);
  });

  it('does not take a TS static method of the file\'s class for a Redis command', () => {
    expect(ts('class Board {\n  static async incr(member: string) {\n    await store.bump(member);\n  }\n}\n\nexport async function importOld(members: string[]) {\n  for (const m of members) await Board.incr(m);\n}\n')).toEqual([]);
  });

  it('still reports the Redis client\'s incr() in a loop of a file that also defines Board.incr', () => {
    expect(py('class Board(object):\n    @staticmethod\n    def incr(member):\n        pass\n\n\ndef bump(members):\n    for m in members:\n        r.incr(f"board:{m}")\n')).toEqual([14]);
  });
});

describe('command-in-loop: a return that only a condition reaches', () => {
  it('still reports a read per round whose result decides an if (x) return without braces', () => {
    expect(ts("export async function findByEmail(ids: string[], email: string) {\n  for (const id of ids) {\n    const stored = await redis.hget(`user:${id}`, 'email');\n    if (stored === email) return id;\n  }\n}\n")).toEqual([7]);
    expect(ts("export async function findByEmail(ids: string[], email: string) {\n  for (const id of ids) {\n    const stored = await redis.hget(`user:${id}`, 'email')\n    if (stored === email)\n      return id\n  }\n}\n")).toEqual([7]);
  });
});
