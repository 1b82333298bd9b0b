/**
 * command-in-loop on loops that are not N+1 on a request path: migrations and startup hooks that run once, setup
 * commands (consumer groups, search indexes), rounds bounded by a count of shards or priority levels or by a list
 * the object is constructed with, rounds that talk to a connection derived from their item, and Memcached clients
 * whose methods look like Redis commands. Each negative is paired with the per-item shape that must still be reported.
 */
import { describe, expect, it } from 'vitest';
import { loopFindingLines } from './loopFindingLines';

const { py, ts, loopLines } = loopFindingLines();

describe('command-in-loop: code that runs once', () => {
  const loop = (name: string) => `export async function ${name}(queues: string[]) {\n  for (const q of queues) {\n    if ((await redis.exists(\`index:\${q}\`)) === 0) await redis.sadd('indexed', q);\n  }\n}\n`;

  it('does not report a loop in a migration or a startup hook', () => {
    expect(ts(loop('migrateExistingJobs'))).toEqual([]);
    expect(ts(loop('onModuleInit'))).toEqual([]);
    expect(py('def run_migrations(pending):\n    for m in pending:\n        m.apply()\n        r.sadd("migrations:applied", m.name)\n')).toEqual([]);
  });

  it('still reports the same loop in a function that serves requests', () => {
    expect(ts(loop('indexQueues'))).toEqual([7]);
    expect(py('def mark_applied(pending):\n    for m in pending:\n        r.sadd("applied", m.name)\n')).toEqual([8]);
  });

  it('does not report a helper called per item from a migration, but does from a request function', () => {
    const helper = 'async function legacyNames(key: string) {\n  return redis.zrange(key, 0, -1);\n}\n\n';
    const caller = (name: string) => `export async function ${name}(keys: string[]) {\n  for (const key of keys) console.log(await legacyNames(key));\n}\n`;
    expect(ts(helper + caller('migrateLegacyQueues'))).toEqual([]);
    expect(ts(helper + caller('listLegacyQueues'))).toEqual([10]);
  });

  it('does not report creating a consumer group per stream, but reports adding an entry per item', () => {
    expect(ts("export async function ensureGroups(keys: string[]) {\n  for (const key of keys) {\n    await redis.xgroup('CREATE', key, 'workers', '0', 'MKSTREAM');\n  }\n}\n")).toEqual([]);
    expect(ts("export async function emit(events: string[]) {\n  for (const e of events) {\n    await redis.xadd('events', '*', 'body', e);\n  }\n}\n")).toEqual([7]);
  });
});

describe('command-in-loop: one round per shard or priority level', () => {
  it('does not report rounds bounded by a count of shards, in TS and Python', () => {
    expect(ts('export class Gauges {\n  constructor(private shardCount: number) {}\n  async lengths() {\n    for (let shard = 0; shard < this.shardCount; shard++) console.log(await redis.zcard(`master:${shard}`));\n  }\n}\n')).toEqual([]);
    expect(py('class Queues:\n    def sizes(self):\n        return [r.llen(f"q:{p}") for p in range(self.num_partitions)]\n')).toEqual([]);
  });

  it('does not report a loop over the shards or priority levels a class holds', () => {
    expect(ts('export class Sizes {\n  constructor(private priorities: string[]) {}\n  async sizes() {\n    for (const p of this.priorities) console.log(await redis.llen(`jobs:${p}`));\n  }\n}\n')).toEqual([]);
  });

  it('still reports rounds bounded by a count of items or a list of tenants', () => {
    expect(ts('export class Gauges {\n  constructor(private userCount: number) {}\n  async lengths() {\n    for (let i = 0; i < this.userCount; i++) console.log(await redis.get(`user:${i}`));\n  }\n}\n')).toEqual([8]);
    expect(ts('export class Sizes {\n  async sizes(tenantQueues: string[]) {\n    for (const q of tenantQueues) console.log(await redis.llen(q));\n  }\n}\n')).toEqual([7]);
  });
});

describe('command-in-loop: a list the object is constructed with', () => {
  const sizes = (constructor: string, more = '') =>
    `export class Sizes {\n  private groups: string[];\n  constructor(opts: { groups: string[] }) {\n${constructor}\n  }\n${more}  async sizes() {\n    for (const g of this.groups) console.log(await redis.scard(\`running:\${g}\`));\n  }\n}\n`;

  it('does not report a loop over a field set once in the constructor, in TS and Python', () => {
    expect(ts(sizes('    this.groups = opts.groups;'))).toEqual([]);
    expect(py('class Consumer:\n    def __init__(self, streams):\n        self.streams = list(streams)\n\n    def lengths(self):\n        return [r.xlen(s) for s in self.streams]\n')).toEqual([]);
  });

  it('still reports a field that methods add to or assign again', () => {
    expect(ts(sizes('    this.groups = opts.groups;', '  track(g: string) {\n    this.groups.push(g);\n  }\n'))).toEqual([14]);
    expect(ts(sizes('    this.groups = [];', '  load(all: string[]) {\n    this.groups = all;\n  }\n'))).toEqual([14]);
  });
});

describe('command-in-loop: a connection derived from the round item', () => {
  it('does not report a command on a connection the round looks up from its item', () => {
    const text = 'def stats(configs):\n    for index, config in enumerate(configs):\n        queue = queue_by_index(index)\n        connection = queue.connection\n        connection.lindex(queue.key, 0)\n';
    expect(py(text)).toEqual([]);
  });

  it('still reports a client assigned in the round from something else than the item', () => {
    const text = 'def stats(ids):\n    for i in ids:\n        client = r\n        key = f"user:{i}"\n        client.get(key)\n';
    expect(py(text)).toEqual([10]);
  });
});

describe('command-in-loop: Memcached clients', () => {
  const cache = (imports: string) =>
    `${imports}\n\n\nclass Cache:\n    def __init__(self, client):\n        self.client = client\n\n    async def bump(self, key):\n        return await self.client.incr(key)\n\n    async def set_many(self, pairs):\n        for key, value in pairs:\n            await self.client.set(key, value)\n`;

  it('does not take a receiver for a Redis client in a file that imports a Memcached library', () => {
    expect(loopLines(cache('import aiomcache\nimport redis'), 'python')).toEqual([]);
  });

  it('still judges the same receiver a Redis client without the Memcached import', () => {
    expect(loopLines(cache('import redis'), 'python')).toEqual([13]);
  });
});
