/** missing-error-listener at the callers of a project factory that makes a new client on every call. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

type Source = { path: string; text: string };

const ARROW_FACTORY: Source = {
  path: 'src/utils/redis.ts',
  text: "import { createClient } from 'redis';\n\nexport const createRedisClient = () => createClient({ url: process.env.REDIS_URL });\n",
};

const REGISTRY: Source = {
  path: 'src/services/registry.ts',
  text: [
    "import { createRedisClient } from '../utils/redis';",
    '',
    'export class Registry {',
    '  private publisher: ReturnType<typeof createRedisClient>;',
    '  private subscriber: ReturnType<typeof createRedisClient>;',
    '  constructor() {',
    '    this.publisher = createRedisClient();',
    '    this.subscriber = createRedisClient();',
    "    this.subscriber.on('error', (err) => console.error(err));",
    '  }',
    '  async start() {',
    '    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);',
    '  }',
    '}',
    '',
  ].join('\n'),
};

function listenerLines(file: Source, sources: Source[], withWorkspace = true): number[] {
  const workspace = withWorkspace ? buildWorkspaceIndex(parsers, sources) : undefined;
  return reviewSource(parsers, file.text, { path: file.path, language: 'typescript', workspace })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('missing-error-listener at callers of a client factory', () => {
  it('reports each call whose client gets no listener, not the one the caller listens to', () => {
    expect(listenerLines(REGISTRY, [ARROW_FACTORY, REGISTRY])).toEqual([7]);
    expect(listenerLines(REGISTRY, [ARROW_FACTORY, REGISTRY], false)).toEqual([]);
  });

  it('reports class fields and declared variables of a function factory, through a renamed import', () => {
    const factory = { path: 'src/data/redis.ts', text: "import Redis from 'ioredis';\n\nexport function makeRedis(url: string) {\n  const client = new Redis(url);\n  return client;\n}\n" };
    const pubsub = {
      path: 'src/data/pubsub.ts',
      text: "import { makeRedis as make } from './redis';\n\nexport class PubSub {\n  pub = make('redis://a');\n  sub = make('redis://a');\n  constructor() {\n    this.sub.on('message', (c: string, m: string) => console.log(c, m));\n  }\n  publish(c: string, m: string) {\n    return this.pub.publish(c, m);\n  }\n}\n\nexport async function once() {\n  const local = make('redis://b');\n  await local.get('k');\n}\n",
    };
    expect(listenerLines(pubsub, [factory, pubsub])).toEqual([4, 5, 15]);
  });

  it('leaves callers alone when the factory attaches the listener itself', () => {
    const listening = { path: ARROW_FACTORY.path, text: "import { createClient } from 'redis';\n\nexport function createRedisClient() {\n  const client = createClient();\n  client.on('error', (err) => console.error(err));\n  return client;\n}\n" };
    expect(listenerLines(REGISTRY, [listening, REGISTRY])).toEqual([]);
  });

  it('leaves callers alone that chain a listener, hand the client on, or return it', () => {
    const caller = {
      path: 'src/services/other.ts',
      text: "import { createRedisClient } from '../utils/redis';\nimport { attach } from './attach';\n\nexport const a = () => createRedisClient();\nconst b = createRedisClient().on('error', console.error);\nconst c = createRedisClient();\nattach(c);\nexport function d() {\n  const d1 = createRedisClient();\n  return d1;\n}\nawait b.get('x');\n",
    };
    expect(listenerLines(caller, [ARROW_FACTORY, caller])).toEqual([]);
  });

  it('judges a cached client at the factory only, once', () => {
    const cached = { path: 'src/lib/redis.ts', text: "import Redis from 'ioredis';\n\nlet client: Redis | undefined;\n\nexport function getRedis(): Redis {\n  if (!client) client = new Redis(process.env.REDIS_URL);\n  return client;\n}\n" };
    const callers = { path: 'src/lib/users.ts', text: "import { getRedis } from './redis';\n\nexport class Users {\n  private redis = getRedis();\n  private again = getRedis();\n  get(id: string) {\n    return this.redis.get(id) ?? this.again.get(id);\n  }\n}\n" };
    expect(listenerLines(callers, [cached, callers])).toEqual([]);
    expect(listenerLines(cached, [cached, callers]).length).toBeLessThanOrEqual(1);
  });

  it('takes a module-level client the caller exports as judged by its importers', () => {
    const conn = { path: 'src/conn.ts', text: "import { createRedisClient } from './utils/redis';\n\nexport const redis = createRedisClient();\n" };
    const user = { path: 'src/user.ts', text: "import { redis } from './conn';\n\nredis.on('error', (err) => console.error(err));\n" };
    expect(listenerLines(conn, [ARROW_FACTORY, conn, user])).toEqual([]);
    expect(listenerLines(conn, [ARROW_FACTORY, conn])).toEqual([3]);
  });

  it('leaves callers of a factory that may hand the caller its own client back', () => {
    const passThrough = {
      path: 'src/lib/redis.ts',
      text: "import { Redis, type RedisOptions } from 'ioredis';\n\nexport function createRedis(options: Redis | RedisOptions | string): Redis {\n  if (typeof options === 'string') return new Redis(options);\n  if (options instanceof Redis) return options;\n  return new Redis(options);\n}\n",
    };
    const store = { path: 'src/store.ts', text: "import { createRedis } from './lib/redis';\n\nexport class Store {\n  private readonly redis;\n  constructor(options: string) {\n    this.redis = createRedis(options);\n  }\n  get(k: string) {\n    return this.redis.get(k);\n  }\n}\n" };
    expect(listenerLines(store, [passThrough, store])).toEqual([]);
  });

  it('takes two calls of such a factory for two connections', () => {
    const pubsub = {
      path: 'src/data/pubsub.ts',
      text: "import { createRedisClient } from '../utils/redis';\n\nexport class PubSub {\n  pub = createRedisClient();\n  sub = createRedisClient();\n  async start() {\n    await this.sub.subscribe('events', (m: string) => console.log(m));\n  }\n  send(m: string) {\n    return this.pub.publish('events', m);\n  }\n}\n",
    };
    const findings = reviewSource(parsers, pubsub.text, { path: pubsub.path, language: 'typescript', workspace: buildWorkspaceIndex(parsers, [ARROW_FACTORY, pubsub]) }).findings;
    expect(findings.filter((f) => f.ruleId === 'subscribe-on-command-connection')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'missing-error-listener').map((f) => f.span.start.line + 1)).toEqual([4, 5]);
  });
});
