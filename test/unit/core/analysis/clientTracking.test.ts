/** Client tracking: what is (and is not) a Redis receiver, across assignments, attributes, parameters and files. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { buildWorkspaceIndex, reviewSource, type WorkspaceIndex } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function sites(path: string, text: string, workspace?: WorkspaceIndex) {
  return reviewSource(parsers, text, { path, language: languageForPath(path)!, workspace }).callSites.map((s) => `${s.span.start.line + 1}:${s.command}:${s.receiver.kind}:${s.receiver.confidence}`);
}

describe('Python receivers', () => {
  it('follows constructors, from_url, asyncio, cluster, sentinel, django-redis, pipelines and typed parameters', () => {
    const text = [
      'import redis',
      'import redis.asyncio as aioredis',
      'from redis.sentinel import Sentinel',
      'from redis.cluster import RedisCluster',
      'from django_redis import get_redis_connection',
      'a = redis.from_url("redis://localhost")',
      'b = aioredis.Redis()',
      'c = Sentinel([("s", 26379)]).master_for("mymaster")',
      'd = RedisCluster(host="x")',
      'e = get_redis_connection("default")',
      'def f(client: redis.Redis, other):',
      '    client.get("k")',
      '    other.get("k")',
      '    with a.pipeline(transaction=False) as p:',
      '        p.set("k", 1)',
      'a.get("k"); b.get("k"); c.get("k"); d.get("k"); e.get("k")',
      '',
    ].join('\n');
    expect(sites('app/x.py', text)).toEqual(['12:GET:client:proven', '15:SET:pipeline:proven', '16:GET:client:proven', '16:GET:client:proven', '16:GET:client:proven', '16:GET:cluster:proven', '16:GET:client:proven']);
  });

  it('never treats dicts, untyped parameters, shadowed names or the redis module itself as clients', () => {
    const text = [
      'import redis',
      'r = redis.Redis()',
      'cache = {}',
      'def f(r):',
      '    r.keys()',
      '    cache.keys()',
      'def g():',
      '    r = {"a": 1}',
      '    r.keys()',
      'redis.keys = None',
      'd = dict()',
      'd.get("x")',
      '',
    ].join('\n');
    expect(sites('app/x.py', text)).toEqual([]);
  });

  it('tracks self attributes, global lazy clients and functions returning clients', () => {
    const text = [
      'import redis',
      '_client = None',
      'def get_client():',
      '    global _client',
      '    if _client is None:',
      '        _client = redis.Redis()',
      '    return _client',
      'class Repo:',
      '    def __init__(self):',
      '        self.r = get_client()',
      '    def load(self):',
      '        return self.r.hgetall("h")',
      'get_client().ping()',
      '',
    ].join('\n');
    expect(sites('app/x.py', text)).toEqual(['12:HGETALL:client:proven', '13:PING:client:proven']);
  });

  it('accepts receivers named like Redis clients only with low confidence, when the file or project uses Redis', () => {
    const withImport = 'import redis\nclass S:\n    def __init__(self, redis_client):\n        self.redis = redis_client\n    def f(self):\n        self.redis.hgetall("h")\n';
    expect(sites('app/x.py', withImport)).toEqual(['6:HGETALL:client:likely']);
    // The receiver's own name says Redis: evidence enough without the import.
    expect(sites('app/x.py', withImport.replace('import redis\n', 'import json\n'))).toEqual(['6:HGETALL:client:likely']);
    // Nothing in the file names Redis: only a project that uses Redis makes a Redis-only method evidence.
    const anonymous = 'class S:\n    def f(self):\n        self.store.hgetall("h")\n        self.store.get("k")\n        self.cache.get("k")\n';
    expect(sites('app/x.py', anonymous)).toEqual([]);
    const project = buildWorkspaceIndex(parsers, [{ path: 'app/conn.py', text: 'import redis\nclient = redis.Redis()\n' }]);
    expect(sites('app/x.py', anonymous, project)).toEqual(['3:HGETALL:client:likely', '4:GET:client:likely']);
  });

  it('takes batch-named receivers for pipelines and never a logger for a client', () => {
    const text = 'import redis\ndef f(self, ids):\n    pipe = self.redis.pipeline()\n    for i in ids:\n        pipe.hgetall(f"u:{i}")\n    self._redis_cache.logger.debug("DEBUG READ %s", 1)\n';
    expect(sites('app/x.py', text)).toEqual(['5:HGETALL:transaction:likely']);
  });

  it('needs more than a short name for commands that other objects have too', () => {
    const text = 'import redis\ndef f(r, kv, d):\n    r.keys()\n    r.get("a")\n    d.keys("user:*")\n    kv.lrange("log", 0, -1)\n    cache = {}\n    cache.set("a", 1)\n';
    expect(sites('app/x.py', text)).toEqual(['5:KEYS:client:likely', '6:LRANGE:client:likely']);
  });
});

describe('TypeScript/JavaScript receivers', () => {
  it('follows ioredis and node-redis creation, duplicate, multi, this fields and typed parameters', () => {
    const text = [
      "import Redis, { Cluster } from 'ioredis';",
      "import { createClient, type RedisClientType } from 'redis';",
      "const redis = new Redis();",
      "const cluster = new Cluster([]);",
      "const client = await createClient().connect();",
      "const sub = redis.duplicate();",
      "class S { constructor(private readonly r: Redis) {} async f() { await this.r.get('k'); } }",
      "function g(c: RedisClientType, o: Map<string, string>) { c.hGetAll('h'); o.keys(); Object.keys(o); }",
      "redis.multi().set('a', '1').exec(); cluster.get('k'); client.get('k'); sub.get('k');",
      "",
    ].join('\n');
    expect(sites('src/x.ts', text)).toEqual(['7:GET:client:proven', '8:HGETALL:client:proven', '9:SET:transaction:proven', '9:GET:cluster:proven', '9:GET:client:proven', '9:GET:client:proven']);
  });

  it('follows clients made straight off require(), destructured from a default import, or bound with promisify/bind', () => {
    const text = [
      "import redisPkg from 'redis';",
      'const { createClient } = redisPkg;',
      "const first = require('ioredis')();",
      "const second = new (require('ioredis'))({ host: 'kv' });",
      'const third = createClient();',
      "const { promisify } = require('util');",
      'const bump = promisify(third.incr).bind(third);',
      'const ttl = third.expire.bind(third);',
      "export async function f(k) { await first.keys('a:*'); await second.keys('b:*'); await third.keys('c:*'); await bump(k); await ttl(k, 60); }",
      '',
    ].join('\n');
    expect(sites('src/x.js', text)).toEqual(['9:KEYS:client:proven', '9:KEYS:client:proven', '9:KEYS:client:proven', '9:INCR:client:likely', '9:EXPIRE:client:likely']);
  });

  it('follows require() in CommonJS and v3 node-redis namespaces', () => {
    const text = "const Redis = require('ioredis');\nconst nodeRedis = require('redis');\nconst a = new Redis();\nconst b = nodeRedis.createClient();\na.keys('*'); b.keys('*');\n";
    expect(sites('src/x.js', text)).toEqual(['5:KEYS:client:proven', '5:KEYS:client:proven']);
  });
});

describe('workspace index', () => {
  it('resolves module-level clients imported from other project files (Python and TS)', () => {
    const files = [
      { path: 'app/cache.py', text: 'import redis\nclient = redis.Redis()\ndef get_redis():\n    return client\n' },
      { path: 'app/views.py', text: 'from app.cache import client, get_redis\nfrom . import cache\ndef v():\n    client.keys("a:*")\n    get_redis().keys("b:*")\n    cache.client.keys("c:*")\n' },
      { path: 'src/lib/redis.ts', text: "import Redis from 'ioredis';\nexport const redis = new Redis();\nexport default redis;\n" },
      { path: 'src/routes/users.ts', text: "import shared, { redis } from '../lib/redis';\nexport async function f() { await redis.keys('u:*'); await shared.keys('v:*'); }\n" },
    ];
    const index = buildWorkspaceIndex(parsers, files);
    expect(sites('app/views.py', files[1].text, index)).toEqual(['4:KEYS:client:proven', '5:KEYS:client:proven', '6:KEYS:client:proven']);
    // Without the index, only what names Redis is taken, and only as likely.
    expect(sites('app/views.py', files[1].text)).toEqual(['5:KEYS:client:likely', '6:KEYS:client:likely']);
    expect(sites('src/routes/users.ts', files[3].text, index)).toEqual(['2:KEYS:client:proven', '2:KEYS:client:proven']);
  });

  it('follows a re-exported library constructor and a barrel that re-exports a client as a property', () => {
    const files = [
      { path: 'shared/kvDriver.js', text: "module.exports = require('ioredis');\n" },
      { path: 'shared/conn.js', text: "const Redis = require('ioredis');\nconst conn = new Redis();\nconn.on('error', console.error);\nmodule.exports = conn;\n" },
      { path: 'shared/index.js', text: "module.exports = {\n  kv: require('./conn'),\n};\n" },
      { path: 'routes/admin.js', text: "const Driver = require('../shared/kvDriver');\nconst { kv } = require('../shared');\nasync function f() { await kv.flushdb(); const d = new Driver(); await d.get('k'); }\n" },
    ];
    const index = buildWorkspaceIndex(parsers, files);
    expect(sites('routes/admin.js', files[3].text, index)).toEqual(['3:FLUSHDB:client:proven', '3:GET:client:proven']);
  });

  it('takes a module required whole for the client it exports as module.exports, and a factory it exports so', () => {
    const files = [
      { path: 'src/store/kv.js', text: "const Redis = require('ioredis');\nconst kv = new Redis();\nkv.on('error', console.error);\nmodule.exports = kv;\n" },
      { path: 'src/store/connect.js', text: "const Redis = require('ioredis');\nlet shared;\nmodule.exports = function connect() {\n  if (!shared) shared = new Redis();\n  return shared;\n};\n" },
      { path: 'src/jobs/sweep.js', text: "var store = require('../store/kv');\nconst connect = require('../store/connect');\nmodule.exports = async (names) => {\n  await store.keys('job:*');\n  const batch = store.pipeline();\n  batch.hgetall('a');\n  await connect().keys('b:*');\n};\n" },
      { path: 'src/jobs/plain.js', text: "const helpers = require('./helpers');\nmodule.exports = async () => { await helpers.keys('c:*'); };\n" },
    ];
    const index = buildWorkspaceIndex(parsers, files);
    expect(sites('src/jobs/sweep.js', files[2].text, index)).toEqual(['4:KEYS:client:proven', '6:HGETALL:pipeline:proven', '7:KEYS:client:proven']);
    // A required module that exports no client stays a module: its methods are not Redis calls.
    expect(sites('src/jobs/plain.js', files[3].text, index)).toEqual([]);
  });

  it('follows a factory called on a module required in place, also one a project module re-exports', () => {
    const files = [
      { path: 'lib/kvLib.js', text: "module.exports = require('redis');\n" },
      { path: 'src/sessions.js', text: "const store = require('redis').createClient({ url: process.env.KV_URL });\nconst audit = require('../lib/kvLib').createClient();\nstore.on('error', console.error);\nmodule.exports.purge = async () => { await store.keys('sess:*'); await audit.keys('audit:*'); };\n" },
    ];
    const index = buildWorkspaceIndex(parsers, files);
    expect(sites('src/sessions.js', files[1].text, index)).toEqual(['4:KEYS:client:proven', '4:KEYS:client:proven']);
    const unlistened = reviewSource(parsers, files[1].text, { path: files[1].path, language: 'javascript', workspace: index }).findings.filter((f) => f.ruleId === 'missing-error-listener');
    expect(unlistened.map((f) => f.span.start.line + 1)).toEqual([2]);
  });

  it('knows about error listeners attached to a client in another file', () => {
    const files = [
      { path: 'src/redis.ts', text: "import Redis from 'ioredis';\nexport const redis = new Redis();\n" },
      { path: 'src/main.ts', text: "import { redis } from './redis';\nredis.on('error', (e) => console.error(e));\n" },
    ];
    const index = buildWorkspaceIndex(parsers, files);
    const review = (workspace?: WorkspaceIndex) => reviewSource(parsers, files[0].text, { path: files[0].path, language: 'typescript', workspace }).findings.map((f) => f.ruleId);
    expect(review()).toEqual(['missing-error-listener']);
    expect(review(index)).toEqual([]);
  });
});
