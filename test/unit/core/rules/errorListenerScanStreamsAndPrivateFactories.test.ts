/**
 * missing-error-listener: a scan stream's 'error' listener is the stream's, not the client's; and a module-private
 * factory whose client the module keeps for itself (`const redis = singleton('cache', initRedis)`) is that module's client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function listenerLines(text: string, path = 'src/services/store.ts'): number[] {
  const workspace = buildWorkspaceIndex(parsers, [{ path, text }]);
  return reviewSource(parsers, text, { path, language: 'typescript', workspace })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

const SCANNING_STORE = (listen: string) =>
  [
    "import { Cluster, Redis } from 'ioredis';",
    '',
    'export class BufferStore {',
    '  private redis: Redis | Cluster;',
    '  init(url: string) {',
    '    this.redis = new Redis(url);',
    listen,
    '  }',
    '  async ids(prefix: string): Promise<string[]> {',
    '    const stream =',
    '      this.redis instanceof Redis',
    '        ? this.redis.scanStream({ match: `${prefix}*` })',
    '        : this.redis.nodes()[0].scanStream({ match: `${prefix}*` });',
    '    return new Promise((resolve, reject) => {',
    '      const found: string[] = [];',
    "      stream.on('data', (keys: string[]) => found.push(...keys));",
    "      stream.on('end', () => resolve(found));",
    "      stream.on('error', (err: Error) => reject(err));",
    '    });',
    '  }',
    '}',
    '',
  ].join('\n');

describe("a scan stream's 'error' listener", () => {
  it('does not count as a listener on the client the stream scans', () => {
    expect(listenerLines(SCANNING_STORE(''))).toEqual([6]);
  });

  it('leaves the client when it has its own listener', () => {
    expect(listenerLines(SCANNING_STORE("    this.redis.on('error', (err) => console.error(err));"))).toEqual([]);
  });

  it('still counts a listener on a local that is the client itself', () => {
    const text = "import Redis from 'ioredis';\n\nexport class Store {\n  private redis: Redis;\n  init(url: string) {\n    this.redis = new Redis(url);\n    const client = this.redis;\n    client.on('error', (err) => console.error(err));\n  }\n}\n";
    expect(listenerLines(text)).toEqual([]);
  });
});

const PRIVATE_FACTORY = (tail: string) =>
  [
    "import { Redis } from 'ioredis';",
    'import { reconnectOnError } from "@internal/redis";',
    '',
    "import { singleton } from '~/utils/singleton';",
    'function initializeRedis(): Redis | undefined {',
    '  const host = process.env.CACHE_REDIS_HOST; // the redis host',
    '  if (!host) return undefined;',
    '  return new Redis({ host, keyPrefix: "tr:", reconnectOnError });',
    '}',
    '',
    tail,
    '',
    'export async function bump(userId: string): Promise<number> {',
    '  if (!redis) return 0;',
    '  return redis.incr(`ctr:${userId}`);',
    '}',
    '',
  ].join('\n');

describe('a module-private factory whose client the module keeps', () => {
  it('reports the client when the module binds it through a memoizing wrapper or a direct call', () => {
    expect(listenerLines(PRIVATE_FACTORY("const redis = singleton('counter', initializeRedis);"))).toEqual([8]);
    expect(listenerLines(PRIVATE_FACTORY('const redis = initializeRedis();'))).toEqual([8]);
  });

  it('leaves it when the module listens, exports the client, hands it on or exports the factory', () => {
    expect(listenerLines(PRIVATE_FACTORY("const redis = singleton('counter', initializeRedis);\nredis?.on('error', (err) => console.error(err));"))).toEqual([]);
    expect(listenerLines(PRIVATE_FACTORY("export const redis = singleton('counter', initializeRedis);"))).toEqual([]);
    expect(listenerLines(PRIVATE_FACTORY("const redis = singleton('counter', initializeRedis);\nexport { redis };"))).toEqual([]);
    expect(listenerLines(PRIVATE_FACTORY("const redis = singleton('counter', initializeRedis);\nregisterClient(redis);"))).toEqual([]);
    expect(listenerLines(PRIVATE_FACTORY("const redis = singleton('counter', initializeRedis);\nexport { initializeRedis };"))).toEqual([]);
  });

  it('leaves a private factory called per request rather than bound by the module', () => {
    const text = "import { Redis } from 'ioredis';\n\nfunction connect(): Redis {\n  return new Redis(process.env.REDIS_URL!);\n}\n\nexport async function handler(id: string) {\n  const client = connect();\n  client.on('error', (err) => console.error(err));\n  const value = await client.get(id);\n  await client.quit();\n  return value;\n}\n";
    expect(listenerLines(text)).toEqual([]);
  });
});
