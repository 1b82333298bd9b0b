/**
 * Every recommendation on a real server: a constructed condition makes it fire, undoing it makes it silent,
 * and a tidy baseline triggers none. (cluster-* imbalance lives in clusterAnalysis.test.ts; old-server-version
 * fires on Redis 7.0 and is silent on Redis 7.4 and Valkey 8, whichever of them this run tests.)
 */
import Redis from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeMemory } from '../../../src/redis/analysis/analyzeMemory';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { redisApiAtLeast } from '../../helpers/serverMatrix';

let server: Standalone;
let replica: Standalone;
let client: Redis;
let originalDir: string;

/** What a tidy server still gets: no password, and on servers before 7.2 the advice to upgrade. */
const ALWAYS_ON_HERE = redisApiAtLeast('7.2') ? ['nopass-user'] : ['nopass-user', 'old-server-version'];

async function firing(): Promise<Map<string, string>> {
  const { report } = await analyzeMemory(client, { mode: 'full' });
  return new Map(report.recommendations.map((r) => [r.id, r.evidence]));
}

async function fill(count: number, write: (pipeline: ReturnType<Redis['pipeline']>, i: number) => void): Promise<void> {
  for (let start = 0; start < count; start += 5000) {
    const pipeline = client.pipeline();
    for (let i = start; i < Math.min(count, start + 5000); i++) write(pipeline, i);
    await pipeline.exec();
  }
}

async function info(field: string): Promise<string> {
  const text = String(await client.info());
  return new RegExp(`^${field}:(.*)$`, 'm').exec(text)?.[1].trim() ?? '';
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function deleteMatching(pattern: string): Promise<void> {
  const keys = await client.keys(pattern);
  for (let i = 0; i < keys.length; i += 1000) await client.unlink(...keys.slice(i, i + 1000));
}

interface Scenario {
  id: string;
  /** Expected text in the evidence. */
  evidence: RegExp;
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  { id: 'big-hash', evidence: /big:hash \(5,001 fields/, setup: () => fill(5001, (p, i) => p.hset('big:hash', `f${i}`, 'v')), teardown: () => deleteMatching('big:*') },
  { id: 'big-string', evidence: /big:blob \(\d+\.\d KB\)/, setup: async () => void (await client.set('big:blob', 'x'.repeat(200_000))), teardown: () => deleteMatching('big:*') },
  { id: 'big-set', evidence: /big:set \(1,001 members/, setup: () => fill(1001, (p, i) => p.sadd('big:set', `m${i}`)), teardown: () => deleteMatching('big:*') },
  { id: 'big-sorted-set', evidence: /big:zset \(100,001 members/, setup: () => fill(100_001, (p, i) => p.zadd('big:zset', i, `m${i}`)), teardown: () => deleteMatching('big:*') },
  { id: 'small-strings-to-hashes', evidence: /1,\d{3} strings use less than 200 bytes.*flag:\*/, setup: () => fill(1000, (p, i) => p.set(`flag:${i}`, '1')), teardown: () => deleteMatching('flag:*') },
  { id: 'hash-past-listpack', evidence: /hashtable-encoded.*wide:cart/, setup: () => fill(600, (p, i) => p.hset('wide:cart', `item${i}`, '1')), teardown: () => deleteMatching('wide:*') },
  { id: 'zset-past-listpack', evidence: /skiplist-encoded.*wide:rank/, setup: () => fill(200, (p, i) => p.zadd('wide:rank', i, `p${i}`)), teardown: () => deleteMatching('wide:*') },
  { id: 'set-intset-limit', evidence: /ids:recent \(600 members\)/, setup: () => fill(600, (p, i) => p.sadd('ids:recent', i * 7)), teardown: () => deleteMatching('ids:*') },
  { id: 'list-compression', evidence: /log:app \(1,001 elements/, setup: async () => { await fill(1001, (p, i) => p.rpush('log:app', `line ${i}`)); await client.expire('log:app', 3600); }, teardown: () => deleteMatching('log:*') },
  { id: 'list-without-trim', evidence: /feed:all \(10,001 elements/, setup: () => fill(10_001, (p, i) => p.rpush('feed:all', i)), teardown: async () => void (await client.expire('feed:all', 3600)) },
  { id: 'stream-without-trim', evidence: /events:stream \(10,001 entries/, setup: () => fill(10_001, (p, i) => p.xadd('events:stream', '*', 'n', i)), teardown: () => deleteMatching('events:*') },
  { id: 'cache-namespace-without-ttl', evidence: /cache:\*: 10 of 10 keys \(100\.0 %\) have no TTL/, setup: () => fill(10, (p, i) => p.set(`cache:page:${i}`, 'html')), teardown: () => deleteMatching('cache:*') },
  { id: 'long-key-names', evidence: /average name length of \d+ bytes/, setup: () => fill(1000, (p, i) => p.set(`customer-relationship-management:account-settings:notification-preferences:${i}`, '1', 'EX', 3600)), teardown: () => deleteMatching('customer-*') },
  { id: 'no-maxmemory', evidence: /maxmemory is 0/, setup: async () => void (await client.config('SET', 'maxmemory', '0')), teardown: async () => void (await client.config('SET', 'maxmemory', '512mb')) },
  {
    id: 'maxmemory-near-limit', evidence: /of maxmemory/,
    setup: async () => {
      await client.config('SET', 'maxmemory-policy', 'noeviction');
      await client.config('SET', 'maxmemory', String(Math.ceil(Number(await info('used_memory')) * 1.05)));
    },
    teardown: async () => {
      await client.config('SET', 'maxmemory', '512mb');
      await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    },
  },
  {
    id: 'volatile-policy-without-ttls', evidence: /volatile-lru but/,
    setup: async () => { await client.config('SET', 'maxmemory-policy', 'volatile-lru'); await fill(20, (p, i) => p.set(`doc:${i}`, 'x'.repeat(5000))); },
    teardown: async () => { await client.config('SET', 'maxmemory-policy', 'allkeys-lru'); await deleteMatching('doc:*'); },
  },
  {
    id: 'noeviction-on-cache', evidence: /noeviction; 100\.0 % of keys have a TTL.*cache:\*/,
    setup: async () => { await client.config('SET', 'maxmemory-policy', 'noeviction'); await fill(20, (p, i) => p.set(`cache:${i}`, 'x', 'EX', 3600)); },
    teardown: async () => { await client.config('SET', 'maxmemory-policy', 'allkeys-lru'); await deleteMatching('cache:*'); },
  },
  {
    id: 'evictions-happening', evidence: /evicted_keys is [1-9]/,
    setup: async () => {
      await client.config('SET', 'maxmemory', String(Number(await info('used_memory')) + 2_000_000));
      await fill(500, (p, i) => p.set(`filler:${i}`, 'x'.repeat(10_000)));
      await client.config('SET', 'maxmemory', '512mb');
    },
    teardown: async () => { await deleteMatching('filler:*'); await client.config('RESETSTAT'); },
  },
  {
    id: 'low-hit-ratio', evidence: /hit ratio \d+\.\d %/,
    setup: () => fill(10_000, (p, i) => p.get(`missing:${i}`)),
    teardown: async () => void (await client.config('RESETSTAT')),
  },
  {
    id: 'no-persistence-primary-data', evidence: /save is empty and appendonly is no/,
    setup: async () => { await client.config('SET', 'save', ''); await fill(300, (p, i) => p.set(`order:${i}`, 'x')); },
    teardown: async () => { await client.config('SET', 'save', '3600 1'); await deleteMatching('order:*'); },
  },
  {
    id: 'rdb-save-failed', evidence: /rdb_last_bgsave_status:err/,
    setup: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rr-rdb-'));
      await client.config('SET', 'dir', dir);
      rmSync(dir, { recursive: true, force: true });
      await client.bgsave();
      await until(async () => (await info('rdb_last_bgsave_status')) === 'err');
    },
    teardown: async () => {
      await client.config('SET', 'dir', originalDir);
      await client.bgsave();
      await until(async () => (await info('rdb_last_bgsave_status')) === 'ok' && (await info('rdb_bgsave_in_progress')) === '0');
    },
  },
  {
    id: 'aof-write-failed', evidence: /aof_last_bgrewrite_status:err/,
    setup: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'rr-aof-'));
      await client.config('SET', 'dir', dir);
      await client.config('SET', 'appendonly', 'yes');
      await until(async () => (await info('aof_rewrite_in_progress')) === '0' && (await info('aof_rewrite_scheduled')) === '0');
      rmSync(dir, { recursive: true, force: true });
      // The rewrite cannot create its files: either the call fails at once or the child does; both record err.
      await client.bgrewriteaof().catch(() => undefined);
      await until(async () => (await info('aof_last_bgrewrite_status')) === 'err');
    },
    teardown: async () => {
      await client.config('SET', 'appendonly', 'no');
      await client.config('SET', 'dir', originalDir);
      await client.bgrewriteaof();
      await until(async () => (await info('aof_last_bgrewrite_status')) === 'ok' && (await info('aof_rewrite_in_progress')) === '0');
    },
  },
  {
    id: 'hot-keys-lfu', evidence: /config:flags \(counter 2\d\d/,
    setup: async () => {
      await client.set('config:flags', 'on');
      await client.config('SET', 'lfu-log-factor', '0');
      await client.config('SET', 'maxmemory-policy', 'allkeys-lfu');
      await fill(300, (p) => p.get('config:flags'));
    },
    teardown: async () => {
      await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await client.config('SET', 'lfu-log-factor', '10');
      await deleteMatching('config:*');
    },
  },
  {
    // Its own key in db0: where the analysis does not touch keys (CLIENT NO-TOUCH, Redis 7.2+), evictions-happening
    // evicts the baseline's untouched keys first and can leave db0 empty.
    id: 'logical-databases', evidence: /db0 \(\d+ keys?\), db1 \(1 key\)/,
    setup: async () => { await client.set('tenant:main', '1'); await client.select(1); await client.set('other', '1'); await client.select(0); },
    teardown: async () => { await client.select(1); await client.flushdb(); await client.select(0); await client.del('tenant:main'); },
  },
  {
    id: 'many-cached-scripts', evidence: /1\d scripts are cached/,
    setup: async () => { for (let i = 0; i < 11; i++) await client.script('LOAD', `return ${i}`); },
    teardown: async () => void (await client.script('FLUSH')),
  },
];

beforeAll(async () => {
  server = await startStandalone({ args: ['--enable-protected-configs', 'yes'] });
  client = new Redis({ port: server.port, host: '127.0.0.1' });
  originalDir = String(((await client.config('GET', 'dir')) as string[])[1] ?? server.server.dir);
  // A tidy baseline: memory limit with an allkeys policy, snapshots on, some keys with TTLs.
  await client.config('SET', 'maxmemory', '512mb');
  await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
  await client.config('SET', 'save', '3600 1');
  await fill(50, (p, i) => p.hset(`account:${i}`, 'plan', 'pro').expire(`account:${i}`, 86400));
  await client.config('RESETSTAT');
});

afterAll(async () => {
  client?.disconnect();
  await replica?.stop();
  await server?.stop();
});

describe('recommendations on a real server', () => {
  it('a tidy baseline triggers nothing but what this test server always has', async () => {
    expect([...(await firing()).keys()].sort()).toEqual(ALWAYS_ON_HERE);
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.id}: fires on its condition and is silent once it is undone`, async () => {
      await scenario.setup();
      try {
        const fired = await firing();
        expect([...fired.keys()]).toContain(scenario.id);
        expect(fired.get(scenario.id)).toMatch(scenario.evidence);
      } finally {
        await scenario.teardown();
      }
      expect([...(await firing()).keys()]).not.toContain(scenario.id);
    });
  }

  it('many-connected-clients and rejected-connections: fire with a crowd and a refused client, silent after', async () => {
    const crowd = Array.from({ length: 101 }, () => new Redis({ port: server.port, host: '127.0.0.1' }));
    await Promise.all(crowd.map((c) => c.ping()));
    const connected = Number(await info('connected_clients'));
    await client.config('SET', 'maxclients', String(connected));
    const refused = await new Promise<string>((resolve) => {
      const socket = new Socket();
      socket.once('data', (data) => { resolve(String(data)); socket.destroy(); });
      socket.connect(server.port, '127.0.0.1');
    });
    expect(refused).toMatch(/max number of clients/);
    await client.config('SET', 'maxclients', '10000');
    const fired = await firing();
    expect(fired.get('many-connected-clients')).toMatch(/has 10\d/);
    expect(fired.get('rejected-connections')).toMatch(/rejected_connections is 1/);
    crowd.forEach((c) => c.disconnect());
    await until(async () => Number(await info('connected_clients')) < 10);
    await client.config('RESETSTAT');
    const after = [...(await firing()).keys()];
    expect(after).not.toContain('many-connected-clients');
    expect(after).not.toContain('rejected-connections');
  });

  it('small-replication-backlog: fires while writes outrun a 16 KB backlog, silent when idle', async () => {
    replica = await startStandalone({ args: ['--replicaof', '127.0.0.1', String(server.port)] });
    await until(async () => Number(await info('connected_slaves')) === 1);
    await client.config('SET', 'repl-backlog-size', '16384');
    const writer = new Redis({ port: server.port, host: '127.0.0.1' });
    let writing = true;
    const load = (async () => {
      while (writing) await writer.set('bulk:value', 'x'.repeat(100_000));
    })();
    try {
      const fired = await firing();
      expect(fired.get('small-replication-backlog')).toMatch(/backlog 16\.0 KB/);
    } finally {
      writing = false;
      await load;
      writer.disconnect();
    }
    await client.del('bulk:value');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...(await firing()).keys()]).not.toContain('small-replication-backlog');
  });

  it('high-fragmentation: fires after most of a large dataset is deleted', async () => {
    await client.call('DEBUG', 'POPULATE', 600_000, 'frag', 120);
    await client.eval("for i = 0, 599999 do if i % 10 ~= 0 then redis.call('UNLINK', 'frag:' .. i) end end return 1", 0);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    try {
      const fired = await firing();
      expect(fired.get('high-fragmentation')).toMatch(/mem_fragmentation_ratio \d+\.\d\d/);
    } finally {
      await deleteMatching('frag:*');
    }
  }, 300_000); // 600k keys written and deleted, and two full analyses: minutes on a loaded machine

  it('nopass-user is silent on a server with a password', async () => {
    const secured = await startStandalone({ password: 's3cret-pass' });
    const securedClient = new Redis({ port: secured.port, host: '127.0.0.1', password: 's3cret-pass' });
    try {
      const { report } = await analyzeMemory(securedClient, { mode: 'full' });
      expect(report.recommendations.map((r) => r.id)).not.toContain('nopass-user');
    } finally {
      securedClient.disconnect();
      await secured.stop();
    }
  });
});
