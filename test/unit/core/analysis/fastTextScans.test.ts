import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { mentionsRedisCluster } from '../../../../src/core/analysis/clusterMentions';
import { redisFactoryNames } from '../../../../src/core/analysis/fileEvidence';
import { assignsFunctionTo } from '../../../../src/core/analysis/methodAssignment';
import { occursAsWord } from '../../../../src/core/analysis/wholeWord';
import { scriptSyntax } from '../../../../src/core/analysis/scriptSyntax';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { loadParsers } from '../rules/parsersForTests';

/** The regex the method-assignment scan replaced, built per receiver and method. */
function assignmentPattern(receiver: string, method: string): RegExp {
  const escaped = `${receiver}.${method}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}\\s*=\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*=>|[A-Za-z_$][\\w$]*\\s*=>)`);
}

describe('assignsFunctionTo', () => {
  it('finds functions assigned to the method, and not calls or other values', () => {
    expect(assignsFunctionTo('module.flushdb = async function () {}', 'module', 'flushdb')).toBe(true);
    expect(assignsFunctionTo('x;\nclient.get = (key) => cache[key];', 'client', 'get')).toBe(true);
    expect(assignsFunctionTo('client.get = key => cache[key]', 'client', 'get')).toBe(true);
    expect(assignsFunctionTo('await client.get(key); client.get == f', 'client', 'get')).toBe(false);
    expect(assignsFunctionTo('client.get = cached', 'client', 'get')).toBe(false);
  });

  it('answers as the per-receiver regex did (random texts, receivers with regex characters)', () => {
    const pieces = ['client.get', 'this.kv.set', 'a[0].get', '$r.set', 'client', '.', 'get', ' ', '\n', '=', '==', '=>', '(', ')', 'k', 'async ', 'function', 'functional', 'x =>', ';', '+', ' = async function', '= (k) =>', ' =x=>'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let matched = 0;
    for (let round = 0; round < 8000; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 10);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      for (const [receiver, method] of [['client', 'get'], ['this.kv', 'set'], ['a[0]', 'get'], ['$r', 'set']]) {
        const expected = assignmentPattern(receiver, method).test(text);
        if (expected) matched++;
        expect(assignsFunctionTo(text, receiver, method), JSON.stringify([text, receiver, method])).toBe(expected);
      }
    }
    expect(matched).toBeGreaterThan(100);
  });
});

describe('mentionsRedisCluster', () => {
  it('recognises each kind of mention, whatever the case', () => {
    for (const text of ['new Redis.Cluster(nodes)', 'REDIS_CLUSTER_ADDRS', 'cluster_enabled: yes', 'CROSSSLOT error', 'hash slots', 'client.ForEachMaster(ctx, fn)', 'rdb.KeySlot(key)', 'var c *redis.ClusterClient']) {
      expect(mentionsRedisCluster(text), text).toBe(true);
    }
  });

  it('says false for texts without a Redis Cluster mention, with or without the word', () => {
    for (const text of ['const redis = new Redis();', 'a Kubernetes cluster', 'slot machine', '']) expect(mentionsRedisCluster(text), text).toBe(false);
  });
});

describe('script syntax reads only the nodes it needs', () => {
  let parsers: Parsers;
  beforeAll(async () => {
    parsers = await loadParsers();
  });

  function functionsOf(source: string): Node[] {
    const tree = parsers.parse('typescript', source);
    return tree.rootNode.descendantsOfType(['arrow_function', 'function_declaration', 'function_expression']).filter((node): node is Node => node !== null);
  }

  it('knows request handlers by their route call or their first two parameters', () => {
    const [route, plain, twoOther, handler, single] = functionsOf(
      "router.get('/x', async (a, b) => a);\nfunction helper(x) { return x; }\nfunction pair(a, b) { return a; }\nfunction handle(req, res) { return res; }\nfunction one(req) { return req; }\n",
    );
    expect(scriptSyntax.isRequestHandler(route)).toBe(true);
    expect(scriptSyntax.isRequestHandler(plain)).toBe(false);
    expect(scriptSyntax.isRequestHandler(twoOther)).toBe(false);
    expect(scriptSyntax.isRequestHandler(handler)).toBe(true);
    expect(scriptSyntax.isRequestHandler(single)).toBe(false);
  });

  it('reads the module of require() from its first argument', () => {
    const tree = parsers.parse('typescript', "const a = require('ioredis');\nconst b = require(name);\nconst c = require('redis', extra);\n");
    const calls = tree.rootNode.descendantsOfType('call_expression').filter((node): node is Node => node !== null);
    expect(calls.map((call) => scriptSyntax.requiredModule?.(call))).toEqual(['ioredis', undefined, 'redis']);
  });
});

describe('occursAsWord', () => {
  it('answers as the whole-word regex does (random texts)', () => {
    const pieces = ['Cache', 'CacheService', 'MyCache', '$Cache', 'Cache_', ' ', '.', '(', '\n', '=', 'x', '1', 'é', ':'];
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let matched = 0;
    for (let round = 0; round < 5000; round++) {
      let text = '';
      const length = Math.floor(random() * 8);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      for (const word of ['Cache', 'CacheService', '$Cache']) {
        const expected = new RegExp(`(?<![\\w$])${word.replace(/[$]/g, '\\$')}(?![\\w$])`).test(text);
        if (expected) matched++;
        expect(occursAsWord(text, word), JSON.stringify([text, word])).toBe(expected);
      }
    }
    expect(matched).toBeGreaterThan(500);
  });
});

/** The factory-name scan before it skipped a line's further mentions and lines without an assignment from a call. */
function factoryNamesBefore(text: string): Set<string> {
  const assignment = /([A-Za-z_$][\w$]*)\s*(?::\s*[\w$.[\]| ]+)?=\s*(?:await\s+)?([\w$.]+)\s*\(/g;
  const names = new Set<string>();
  const lines = new Set<number>();
  const mention = /redis|valkey/gi;
  for (let m = mention.exec(text); m; m = mention.exec(text)) lines.add(text.lastIndexOf('\n', m.index) + 1);
  for (const start of lines) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    assignment.lastIndex = 0;
    for (let match = assignment.exec(line); match; match = assignment.exec(line)) {
      const last = match[2].split('.').pop()!;
      const handsOut = /redis|valkey/i.test(last) || (/redis|valkey/i.test(match[2]) && /client|conn|connection|pool|instance|acquire|connect|master_for|slave_for/i.test(last));
      if (handsOut && !/(^|\.)(Redis|StrictRedis|RedisCluster|Cluster|from_url|createClient|createCluster|ConnectionPool|BlockingConnectionPool|Sentinel)$/.test(match[2])) names.add(match[1]);
    }
  }
  return names;
}

describe('redisFactoryNames', () => {
  it('finds the names assigned from a Redis-named getter, as the scan of every mentioning line did (random texts)', () => {
    const pieces = ['conn', 'client', ' = ', '=', '==', 'await ', 'get_redis', 'redis_pool.acquire', 'Redis', 'valkeyConn', 'redis.Redis', 'redis_cli.getHash', '(', ')', '\n', ' ', 'x', ': RedisClient', 'redis', 'REDIS', '.', 'pool', ';', 'k', 'conn = get_redis(', 'c = await redis_pool.acquire(', 'x = redis.Redis('];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let found = 0;
    for (let round = 0; round < 8000; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      const expected = [...factoryNamesBefore(text)];
      found += expected.length;
      expect([...redisFactoryNames(text)], JSON.stringify(text)).toEqual(expected);
    }
    expect(found).toBeGreaterThan(1000);
  });
});
