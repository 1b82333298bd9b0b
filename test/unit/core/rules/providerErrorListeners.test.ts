/**
 * missing-error-listener for a client made by a NestJS provider factory (`{ provide: TOKEN, useFactory }`): with the
 * workspace known it is reported when no class that injects the token attaches an 'error' listener.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const PROVIDER = {
  path: 'src/redis/redis.provider.ts',
  text: "import Redis from 'ioredis';\n\nexport const RedisProvider = {\n  provide: 'REDIS_CLIENT',\n  useFactory: (): Redis => {\n    return new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');\n  },\n};\n",
};

const BOUND = {
  path: 'src/redis/redis.provider.ts',
  text: "import { createClient } from 'redis';\n\nexport const REDIS_PROVIDERS = [\n  {\n    provide: 'REDIS_CLIENT',\n    useFactory: async () => {\n      const client = createClient({ url: process.env.REDIS_URL });\n      await client.connect();\n      return client;\n    },\n  },\n];\n",
};

const service = (constructorBody: string) => ({
  path: 'src/rooms/rooms.service.ts',
  text: `import { Inject, Injectable } from '@nestjs/common';\nimport Redis from 'ioredis';\n\n@Injectable()\nexport class RoomsService {\n  constructor(@Inject('REDIS_CLIENT') private readonly redis: Redis) {\n${constructorBody}\n  }\n\n  rooms() {\n    return this.redis.smembers('rooms');\n  }\n}\n`,
});

function listenerLines(provider: { path: string; text: string }, others: { path: string; text: string }[], withWorkspace = true): number[] {
  const workspace = withWorkspace ? buildWorkspaceIndex(parsers, [provider, ...others]) : undefined;
  return reviewSource(parsers, provider.text, { path: provider.path, language: 'typescript', workspace })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('missing-error-listener: NestJS provider factories', () => {
  it('reports the client a provider returns when no class injecting its token listens', () => {
    expect(listenerLines(PROVIDER, [service('    this.redis.setMaxListeners(20);')])).toEqual([6]);
    expect(listenerLines(BOUND, [service('    this.redis.setMaxListeners(20);')])).toEqual([7]);
  });

  it('does not report it when a class injecting the token attaches an error listener', () => {
    expect(listenerLines(PROVIDER, [service("    this.redis.on('error', (e) => console.error(e));")])).toEqual([]);
    expect(listenerLines(BOUND, [service("    this.redis.on('error', (e) => console.error(e));")])).toEqual([]);
  });

  it('does not report it without the workspace, where the injecting classes are unknown', () => {
    expect(listenerLines(PROVIDER, [], false)).toEqual([]);
  });
});
