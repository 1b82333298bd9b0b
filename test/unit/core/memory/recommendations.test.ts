import { describe, expect, it } from 'vitest';
import { evaluateRecommendations } from '../../../../src/core/memory/recommendations/evaluate';
import type { RecommendationContext } from '../../../../src/core/memory/recommendations/recommendation';
import { RECOMMENDATIONS } from '../../../../src/core/memory/recommendations/registry';
import { context, key, many, node } from './recommendationFixtures';

const small = () => many(20, (i) => key(`thing:${i}`, 'string', { encoding: 'embstr', memoryBytes: 300, ttlMs: 60_000 }));

/** For every recommendation: a context that must trigger it and a near miss that must not. */
const CASES: Record<string, { trigger: () => RecommendationContext; silent: () => RecommendationContext; evidence: RegExp }> = {
  'big-hash': { trigger: () => context([key('idx:users', 'hash', { length: 5001, encoding: 'hashtable' })]), silent: () => context([key('idx:users', 'hash', { length: 5000 })]), evidence: /idx:users \(5,001 fields/ },
  'big-string': { trigger: () => context([key('blob', 'string', { memoryBytes: 100_001 })]), silent: () => context([key('blob', 'string', { memoryBytes: 100_000 })]), evidence: /blob/ },
  'big-set': { trigger: () => context([key('seen', 'set', { length: 1001 })]), silent: () => context([key('seen', 'set', { length: 1000 })]), evidence: /seen \(1,001 members/ },
  'big-sorted-set': { trigger: () => context([key('lb', 'zset', { length: 100_001 })]), silent: () => context([key('lb', 'zset', { length: 100_000 })]), evidence: /lb \(100,001 members/ },
  'small-strings-to-hashes': {
    trigger: () => context(many(1000, (i) => key(`flag:${i}`, 'string', { memoryBytes: 60 }))),
    silent: () => context(many(999, (i) => key(`flag:${i}`, 'string', { memoryBytes: 60 }))),
    evidence: /1,000 strings.*flag:\*/,
  },
  'hash-past-listpack': {
    trigger: () => context([key('cart:1', 'hash', { length: 300, encoding: 'hashtable' })]),
    silent: () => context([key('cart:1', 'hash', { length: 100 })]),
    evidence: /1 hash is hashtable-encoded.*cart:1/,
  },
  'zset-past-listpack': {
    trigger: () => context([key('rank:1', 'zset', { length: 200, encoding: 'skiplist' })]),
    silent: () => context([key('rank:1', 'zset', { length: 100 })]),
    evidence: /skiplist-encoded.*rank:1/,
  },
  'set-intset-limit': {
    trigger: () => context([], [node({ integerSets: [{ key: 'ids', length: 900 }] })]),
    silent: () => context([], [node({ integerSets: [] })]),
    evidence: /ids \(900 members\)/,
  },
  'list-compression': {
    trigger: () => context([key('log', 'list', { length: 1001, encoding: 'quicklist' })]),
    silent: () => context([key('log', 'list', { length: 1001 })], [node({ config: { 'list-compress-depth': '1' } })]),
    evidence: /log \(1,001 elements/,
  },
  'list-without-trim': {
    trigger: () => context([key('feed', 'list', { length: 10_001 })]),
    silent: () => context([key('feed', 'list', { length: 10_001, ttlMs: 5000 })]),
    evidence: /feed \(10,001 elements/,
  },
  'stream-without-trim': { trigger: () => context([key('orders', 'stream', { length: 10_001 })]), silent: () => context([key('orders', 'stream', { length: 10_000 })]), evidence: /orders/ },
  'cache-namespace-without-ttl': {
    trigger: () => context(many(10, (i) => key(`cache:${i}`, 'string'))),
    silent: () => context(many(10, (i) => key(`cache:${i}`, 'string', { ttlMs: i < 5 ? 1000 : -1 }))),
    evidence: /cache:\*: 10 of 10 keys \(100\.0 %\) have no TTL/,
  },
  'long-key-names': {
    trigger: () => context(many(1000, (i) => key(`${'x'.repeat(70)}:${i}`, 'string', { ttlMs: 1 }))),
    silent: () => context(many(1000, (i) => key(`short:${i}`, 'string', { ttlMs: 1 }))),
    evidence: /average name length of 7\d bytes/,
  },
  'no-maxmemory': { trigger: () => context([], [node({ config: { maxmemory: '0' } })]), silent: () => context([]), evidence: /maxmemory is 0/ },
  'maxmemory-near-limit': {
    trigger: () => context([], [node({ info: { used_memory: '950' }, config: { maxmemory: '1000' } })]),
    silent: () => context([], [node({ info: { used_memory: '890' }, config: { maxmemory: '1000' } })]),
    evidence: /95\.0 % of maxmemory/,
  },
  'volatile-policy-without-ttls': {
    trigger: () => context([key('a', 'string', { memoryBytes: 600 }), key('b', 'string', { memoryBytes: 400, ttlMs: 5 })], [node({ config: { 'maxmemory-policy': 'volatile-lru' } })]),
    silent: () => context([key('a', 'string', { memoryBytes: 400 }), key('b', 'string', { memoryBytes: 600, ttlMs: 5 })], [node({ config: { 'maxmemory-policy': 'volatile-lru' } })]),
    evidence: /volatile-lru but 60\.0 %/,
  },
  'noeviction-on-cache': {
    trigger: () => context(many(10, (i) => key(`cache:${i}`, 'string', { ttlMs: 5 })), [node({ config: { 'maxmemory-policy': 'noeviction' } })]),
    silent: () => context(many(10, (i) => key(`cache:${i}`, 'string', { ttlMs: 5 })), [node({ config: { 'maxmemory-policy': 'noeviction', maxmemory: '0' } })]),
    evidence: /noeviction; 100\.0 % of keys have a TTL/,
  },
  'evictions-happening': { trigger: () => context([], [node({ info: { evicted_keys: '12' } })]), silent: () => context([]), evidence: /evicted_keys is 12/ },
  'low-hit-ratio': {
    trigger: () => context([], [node({ info: { keyspace_hits: '7000', keyspace_misses: '3000' } })]),
    silent: () => context([], [node({ info: { keyspace_hits: '8000', keyspace_misses: '2000' } })]),
    evidence: /hit ratio 70\.0 %/,
  },
  'high-fragmentation': {
    trigger: () => context([], [node({ info: { mem_fragmentation_ratio: '1.8', mem_fragmentation_bytes: String(60 * 1024 * 1024) } })]),
    silent: () => context([], [node({ info: { mem_fragmentation_ratio: '1.8', mem_fragmentation_bytes: String(10 * 1024 * 1024) } })]),
    evidence: /ratio 1\.80, 60\.0 MB/,
  },
  'no-persistence-primary-data': {
    trigger: () => context([key('a', 'string')], [node({ config: { save: '', appendonly: 'no' } })]),
    silent: () => context([key('a', 'string')], [node({ config: { save: '', appendonly: 'yes' } })]),
    evidence: /save is empty/,
  },
  'rdb-save-failed': { trigger: () => context([], [node({ info: { rdb_last_bgsave_status: 'err' } })]), silent: () => context([]), evidence: /rdb_last_bgsave_status:err/ },
  'aof-write-failed': { trigger: () => context([], [node({ info: { aof_last_write_status: 'err' } })]), silent: () => context([]), evidence: /aof_last_write_status:err/ },
  'small-replication-backlog': {
    trigger: () => context([], [node({ info: { connected_slaves: '1' }, writeRateBytesPerSecond: 100_000, config: { 'repl-backlog-size': '1048576' } })]),
    silent: () => context([], [node({ info: { connected_slaves: '1' }, writeRateBytesPerSecond: 10_000, config: { 'repl-backlog-size': '1048576' } })]),
    evidence: /backlog 1\.0 MB \(10\.5 s of writes\)/,
  },
  'hot-keys-lfu': {
    trigger: () => context([key('config', 'string', { lfuFrequency: 200 })], [node({ config: { 'maxmemory-policy': 'allkeys-lfu' } })]),
    silent: () => context([key('config', 'string', { lfuFrequency: 200 })]),
    evidence: /config \(counter 200/,
  },
  'cluster-memory-imbalance': {
    trigger: () => context([key('big', 'string', { memoryBytes: 5_000_000, node: 'a' }), key('x', 'string', { node: 'b' }), key('y', 'string', { node: 'c' })], [node({ name: 'a' }), node({ name: 'b' }), node({ name: 'c' })], true),
    silent: () => context([key('big', 'string', { memoryBytes: 5_000_000, node: 'a' }), key('x', 'string', { node: 'b' }), key('y', 'string', { node: 'c' })], [node({ name: 'a' }), node({ name: 'b' }), node({ name: 'c' })], false),
    evidence: /^a holds 4\.8 MB.*big/,
  },
  'cluster-key-imbalance': {
    trigger: () => context([...many(3000, (i) => key(`t:{x}:${i}`, 'string', { node: 'a' })), key('x', 'string', { node: 'b' })], [node({ name: 'a' }), node({ name: 'b' })], true),
    silent: () => context([...many(3000, (i) => key(`t:{x}:${i}`, 'string', { node: i % 2 ? 'a' : 'b' }))], [node({ name: 'a' }), node({ name: 'b' })], true),
    evidence: /a holds 3,000 keys/,
  },
  'logical-databases': {
    trigger: () => context([], [node({ info: { db1: 'keys=4,expires=0,avg_ttl=0' } })]),
    silent: () => context([], [node({ info: { db1: 'keys=4,expires=0,avg_ttl=0' } })], true),
    evidence: /db0 \(10 keys\), db1 \(4 keys\)/,
  },
  'many-connected-clients': { trigger: () => context([], [node({ info: { connected_clients: '101' } })]), silent: () => context([], [node({ info: { connected_clients: '100' } })]), evidence: /has 101/ },
  'rejected-connections': { trigger: () => context([], [node({ info: { rejected_connections: '3' } })]), silent: () => context([]), evidence: /rejected_connections is 3/ },
  'many-cached-scripts': { trigger: () => context([], [node({ info: { number_of_cached_scripts: '11' } })]), silent: () => context([], [node({ info: { number_of_cached_scripts: '10' } })]), evidence: /11 scripts/ },
  'nopass-user': {
    trigger: () => context([], [node({ aclUsers: ['user default on nopass ~* &* +@all', 'user app off nopass'] })]),
    silent: () => context([], [node({ aclUsers: ['user default on #abc ~* +@all', 'user app off nopass'] })]),
    evidence: /users without a password: default \(/,
  },
  'old-server-version': { trigger: () => context([], [node({ info: { redis_version: '7.0.15' } })]), silent: () => context([], [node({ info: { redis_version: '7.2.0' } })]), evidence: /Redis 7\.0\.15/ },
};

describe('memory recommendations', () => {
  it('has at least 25 recommendations with unique ids and complete metadata', () => {
    expect(RECOMMENDATIONS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(RECOMMENDATIONS.map((r) => r.id)).size).toBe(RECOMMENDATIONS.length);
    for (const r of RECOMMENDATIONS) {
      expect(r.id).toMatch(/^[a-z0-9-]+$/);
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.rationale.length).toBeGreaterThan(40);
    }
  });

  it('has a trigger and a silent case for every recommendation', () => {
    expect(Object.keys(CASES).sort()).toEqual(RECOMMENDATIONS.map((r) => r.id).sort());
  });

  for (const rule of RECOMMENDATIONS) {
    it(`${rule.id}: fires with evidence and an action on its condition, and stays silent on the near miss`, () => {
      const cases = CASES[rule.id];
      const hit = rule.check(cases.trigger());
      expect(hit, 'should fire').toBeDefined();
      expect(hit!.evidence).toMatch(cases.evidence);
      expect(hit!.action.length).toBeGreaterThan(20);
      expect(rule.check(cases.silent()), 'should stay silent').toBeUndefined();
    });
  }

  it('reports only what fires on a healthy server, most severe first', () => {
    expect(evaluateRecommendations(context(small()))).toEqual([]);
    const results = evaluateRecommendations(context([key('blob', 'string', { memoryBytes: 200_000, ttlMs: 5 })], [node({ info: { rdb_last_bgsave_status: 'err' } })]));
    expect(results.map((r) => [r.id, r.severity])).toEqual([['rdb-save-failed', 'error'], ['big-string', 'warning']]);
    expect(Object.keys(results[0]).sort()).toEqual(['action', 'evidence', 'id', 'severity', 'title']);
  });
});
