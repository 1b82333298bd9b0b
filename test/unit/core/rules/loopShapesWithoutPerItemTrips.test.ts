/**
 * command-in-loop on loop shapes whose rounds are not items of a growing collection: a few counted rounds,
 * retries, slices, pages of SCAN keys, one server or connection per round, a marker around each round's work,
 * and server-wide commands. Each negative is paired with the per-item shape that must still be reported.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts, loopLines } = loopFindingLines();

describe('command-in-loop: counted loops', () => {
  it('does not report a range of up to three literal rounds, in Python and TS', () => {
    expect(py('def warm():\n    for i in range(3):\n        r.set(f"slot:{i}", 1)\n')).toEqual([]);
    expect(ts('export async function warm() {\n  for (let i = 0; i < 2; i++) await redis.incr(`slot:${i}`);\n}\n')).toEqual([]);
  });

  it('does not report a range bounded by a small constant of the file (shards, slots)', () => {
    expect(loopLines('import redis\n\nr = redis.Redis()\nNUM_SHARDS = 8\n\n\ndef clear():\n    for shard in range(NUM_SHARDS):\n        r.delete(f"shard:{shard}")\n', 'python')).toEqual([]);
    expect(ts('const SHARD_COUNT = 4;\n\nexport async function clear() {\n  for (let s = 0; s < SHARD_COUNT; s++) await redis.del(`shard:${s}`);\n}\n')).toEqual([]);
  });

  it('still reports a range bounded by a large or unknown constant (a seed of many items)', () => {
    expect(loopLines('import redis\n\nr = redis.Redis()\nNUM_USERS = 10000\n\n\ndef seed():\n    for i in range(NUM_USERS):\n        r.set(f"user:{i}", 1)\n', 'python')).toEqual([9]);
    expect(py('def seed():\n    for i in range(settings.NUM_USERS):\n        r.set(f"user:{i}", 1)\n')).toEqual([8]);
  });

  it('still reports a range over the length of a collection', () => {
    expect(py('def names(ids):\n    for i in range(len(ids)):\n        r.get(ids[i])\n')).toEqual([8]);
    expect(ts('export async function names(ids: string[]) {\n  for (let i = 0; i < ids.length; i++) await redis.get(ids[i]);\n}\n')).toEqual([6]);
  });

  it('still reports a range of many literal rounds', () => {
    expect(py('def warm():\n    for i in range(1000):\n        r.set(f"slot:{i}", 1)\n')).toEqual([8]);
  });

  it('does not report literal items wrapped in enumerate()', () => {
    expect(py('def sizes():\n    for i, q in enumerate(("high", "default", "low")):\n        r.llen(q)\n')).toEqual([]);
  });
});

describe('command-in-loop: retries', () => {
  it('does not report a loop whose variable counts attempts', () => {
    const text = 'export async function save(v: string) {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    try {\n      await redis.set(\'k\', v);\n      return;\n    } catch (e) {\n      await new Promise((r) => setTimeout(r, 100));\n    }\n  }\n}\n';
    expect(ts(text)).toEqual([]);
  });

  it('does not report a counted loop bounded by a retry limit', () => {
    expect(ts('export async function save(v: string) {\n  for (let i = 0; i < this.maxRetries; i++) {\n    await redis.ping();\n    await redis.set(\'k\', v);\n  }\n}\n')).toEqual([]);
    expect(py('def save(v):\n    for attempt in range(MAX_TRIES * 2):\n        r.set("k", v)\n')).toEqual([]);
  });
});

describe('command-in-loop: slices and pages', () => {
  it('does not report a loop over ichunked() slices', () => {
    expect(py('from more_itertools import ichunked\n\ndef drop(ids):\n    for chunk in ichunked(ids, 100):\n        r.delete(*chunk)\n')).toEqual([]);
  });

  it('does not report a command per page of a SCAN iterator, but reports one per key', () => {
    const header = "import { createClient } from 'redis';\nconst c = createClient();\nc.on('error', console.error);\n\n";
    const pages = header + "export async function purge() {\n  for await (const keys of c.scanIterator({ MATCH: 'tmp:*' })) {\n    await c.unlink(keys);\n  }\n}\n";
    const single = header + "export async function purge() {\n  for await (const key of c.scanIterator({ MATCH: 'tmp:*' })) {\n    await c.unlink(key);\n  }\n}\n";
    expect(loopLines(pages, 'javascript')).toEqual([]);
    expect(loopLines(single, 'javascript')).toEqual([7]);
  });
});

describe('command-in-loop: another connection each round', () => {
  it('does not report a command sent to the loop item (cluster nodes)', () => {
    const text = "import Redis from 'ioredis';\nconst cluster = new Redis.Cluster([{ host: 'a', port: 6379 }]);\ncluster.on('error', console.error);\n\nexport async function sizes() {\n  let total = 0;\n  for (const node of cluster.nodes('master')) total += await node.dbsize();\n  return total;\n}\n";
    expect(loopLines(text, 'javascript')).toEqual([]);
  });

  it('does not report a client created in the loop body, one per host', () => {
    expect(py('def versions(hosts):\n    for host in hosts:\n        c = redis.Redis(host=host)\n        print(c.get("version"))\n')).toEqual([]);
  });

  it('still reports the shared client used per item', () => {
    expect(py('def versions(hosts):\n    for host in hosts:\n        print(r.get(f"version:{host}"))\n')).toEqual([8]);
  });
});

describe('command-in-loop: server-wide commands', () => {
  it('does not report FLUSHDB or INFO per round', () => {
    expect(py('def reset(rounds):\n    for n in rounds:\n        r.flushdb()\n        print(r.info("memory"))\n')).toEqual([]);
  });
});

describe('command-in-loop: retry names on items', () => {
  it('still reports a loop over a collection whose items are called attempts', () => {
    expect(py('def scores(quiz):\n    for attempt in quiz.attempts:\n        r.hget(f"attempt:{attempt.id}", "score")\n')).toEqual([8]);
  });
});

describe('command-in-loop: a marker around each round of work', () => {
  it('does not report a SET before and a DEL after the round\'s own work on the same key', () => {
    const text = 'import redis.asyncio as redis\n\nr = redis.Redis()\n\n\nasync def fetch_all(links):\n    for link in links:\n        await r.set(f"busy:{link}", 1)\n        await download(link)\n        await r.delete(f"busy:{link}")\n';
    expect(loopLines(text, 'python')).toEqual([]);
  });

  it('still reports a SET and a DEL of the same key with no work between them', () => {
    expect(py('def touch(ids):\n    for i in ids:\n        r.set(f"k:{i}", 1)\n        r.delete(f"k:{i}")\n')).toEqual([8]);
  });
});
