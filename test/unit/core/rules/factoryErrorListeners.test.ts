/** missing-error-listener for clients returned by an exported factory: judged with the workspace's listeners. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const FACTORY = {
  path: 'src/lib/redis.ts',
  text: "import { Redis, type RedisOptions } from 'ioredis';\n\nexport function createRedis(options: RedisOptions | string): Redis {\n  if (typeof options === 'string') {\n    return new Redis(options);\n  }\n  return new Redis(options);\n}\n",
};

function listenerLines(sources: { path: string; text: string }[], withWorkspace = true): number[] {
  const workspace = withWorkspace ? buildWorkspaceIndex(parsers, sources) : undefined;
  return reviewSource(parsers, FACTORY.text, { path: FACTORY.path, language: 'typescript', workspace })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('missing-error-listener on factory results', () => {
  it('reports the clients a factory returns when no file attaches an error listener to its result', () => {
    const store = { path: 'src/replay/store.ts', text: "import { createRedis } from '../lib/redis';\n\nexport class Store {\n  private readonly redis = createRedis('redis://cache:6379');\n  get(key: string) {\n    return this.redis.get(key);\n  }\n}\n" };
    expect(listenerLines([FACTORY, store])).toEqual([5, 7]);
  });

  it('leaves them when a caller attaches the listener, or without a workspace', () => {
    const store = { path: 'src/replay/store.ts', text: "import { createRedis } from '../lib/redis';\n\nexport const redis = createRedis('redis://cache:6379');\nredis.on('error', (err) => console.error(err));\n" };
    expect(listenerLines([FACTORY, store])).toEqual([]);
    expect(listenerLines([FACTORY], false)).toEqual([]);
  });

  it('reads an arrow factory\'s expression body as the client it returns', () => {
    const arrow = { path: 'src/data/redis.ts', text: "import Redis from 'ioredis';\n\nexport const createClient = () => new Redis(process.env.REDIS_URL);\n" };
    const unlistened = { path: 'src/data/pubsub.ts', text: "import { createClient } from './redis';\n\nexport class PubSub {\n  pub = createClient();\n  sub = createClient();\n  constructor() {\n    this.sub.on('message', (c, m) => console.log(c, m));\n  }\n}\n" };
    const listened = { path: 'src/data/pubsub.ts', text: "import { createClient } from './redis';\n\nexport const pub = createClient();\npub.on('error', (err) => console.error(err));\n" };
    const lines = (sources: { path: string; text: string }[]) =>
      reviewSource(parsers, arrow.text, { path: arrow.path, language: 'typescript', workspace: buildWorkspaceIndex(parsers, sources) })
        .findings.filter((f) => f.ruleId === 'missing-error-listener')
        .map((f) => f.span.start.line + 1);
    expect(lines([arrow, unlistened])).toEqual([3]);
    expect(lines([arrow, listened])).toEqual([]);
    // A listener the arrow chains on its client, or one the module attaches, settles it in the factory.
    const chained = { path: arrow.path, text: "import Redis from 'ioredis';\n\nexport const createClient = () => new Redis(process.env.REDIS_URL).on('error', console.error);\n" };
    expect(reviewSource(parsers, chained.text, { path: chained.path, language: 'typescript', workspace: buildWorkspaceIndex(parsers, [chained, unlistened]) }).findings.filter((f) => f.ruleId === 'missing-error-listener')).toEqual([]);
  });
});
