/** missing-error-listener: a listener that only a test attaches to the application's client does not count. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CLIENT = {
  path: 'services/api/src/redis/client.ts',
  text: "import Redis from 'ioredis';\n\nlet client: Redis | null = null;\n\nexport function getRedis(): Redis {\n  if (!client) {\n    client = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');\n  }\n  return client;\n}\n",
};
const USER = { path: 'services/api/src/routes/items.ts', text: "import { getRedis } from '../redis/client';\n\nexport async function item(id: string) {\n  return getRedis().hgetall(`item:${id}`);\n}\n" };
const listenerIn = (path: string) => ({
  path,
  text: "import { getRedis } from '../src/redis/client';\n\nconst redis = getRedis();\nredis.on('error', (err) => console.warn('[redis:error]', err));\n\nexport async function ping() {\n  return redis.ping();\n}\n",
});

function listenerLines(other: { path: string; text: string }): number[] {
  const workspace = buildWorkspaceIndex(parsers, [CLIENT, USER, other]);
  return reviewSource(parsers, CLIENT.text, { path: CLIENT.path, language: 'typescript', workspace })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('error listener attached only by a test', () => {
  it("reports the factory's client when only a spec listens to it", () => {
    expect(listenerLines(listenerIn('services/api/test/e2e.spec.ts'))).toEqual([7]);
  });

  it('does not report it when a module of the application listens to it', () => {
    expect(listenerLines(listenerIn('services/api/src/health.ts'))).toEqual([]);
  });
});
