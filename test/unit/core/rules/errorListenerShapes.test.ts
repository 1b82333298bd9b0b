/**
 * missing-error-listener on shapes where the client does get a listener, or is not application code: a BullMQ
 * connection given in an options object, a TypeScript cast handed to project code, one listener attached to each
 * client of a list, and test runner setup files. Each is paired with the shape that must still be reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { contextForPath } from '../../../../src/core/analysis/fileContext';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function listenerLines(text: string, path = 'src/redis.ts'): number[] {
  return reviewSource(parsers, text, { path, language: 'javascript' })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('missing-error-listener: clients handed to code that listens', () => {
  it('does not report an ioredis connection given to BullMQ in an options object (BullMQ attaches its own listener)', () => {
    const shorthand = "import IORedis from 'ioredis';\nimport { Queue, Worker } from 'bullmq';\nconst connection = new IORedis({ maxRetriesPerRequest: null });\nexport const mail = new Queue('mail', { connection });\nexport const worker = new Worker('mail', async () => {}, { connection });\n";
    const keyed = "import IORedis from 'ioredis';\nimport { Queue } from 'bullmq';\nconst redis = new IORedis();\nexport const mail = new Queue('mail', { prefix: 'app', connection: redis });\n";
    expect(listenerLines(shorthand)).toEqual([]);
    expect(listenerLines(keyed)).toEqual([]);
  });

  it('still reports a client given in an options object to a package that attaches no listener', () => {
    const text = "import { createClient } from 'redis';\nimport { RedisStore } from 'connect-redis';\nconst redisClient = createClient();\nredisClient.connect().catch(console.error);\nexport const store = new RedisStore({ client: redisClient, prefix: 'sess:' });\n";
    expect(listenerLines(text)).toEqual([3]);
  });

  it('does not report a client handed to project code through a TypeScript cast', () => {
    const text = "import { createClient } from 'redis';\nimport { wrapClient } from './wrap';\n\nexport function connect() {\n  const raw = createClient();\n  return wrapClient(raw as any);\n}\n";
    expect(listenerLines(text)).toEqual([]);
  });

  it('does not report clients of a list that a loop gives each an error listener', () => {
    const forOf = "import Redis from 'ioredis';\nexport const pub = new Redis();\nexport const sub = new Redis();\nfor (const client of [pub, sub]) client.on('error', (err) => console.error(err));\n";
    const forEach = "import Redis from 'ioredis';\nexport const pub = new Redis();\nexport const sub = new Redis();\n[pub, sub].forEach((client) => client.on('error', (err) => console.error(err)));\n";
    expect(listenerLines(forOf)).toEqual([]);
    expect(listenerLines(forEach)).toEqual([]);
  });

  it('still reports a client left out of the listened list', () => {
    const text = "import Redis from 'ioredis';\nexport const pub = new Redis();\nexport const sub = new Redis();\nexport const extra = new Redis();\nfor (const client of [pub, sub]) client.on('error', (err) => console.error(err));\n";
    expect(listenerLines(text)).toEqual([4]);
  });
});

describe('test runner setup files', () => {
  it('are test context, not application code', () => {
    for (const path of ['vitest.setup.ts', 'vitest.node-redis.setup.ts', 'jest.setup.js', 'src/jest-setup.ts', 'src/setupTests.ts', 'globalSetup.js']) expect(contextForPath(path)).toBe('test');
    for (const path of ['jest.config.js', 'src/avatar.setup.ts', 'src/setup.ts']) expect(contextForPath(path)).toBe('app');
  });

  it('do not report a client without a listener', () => {
    const text = "import Redis from 'ioredis';\nconst redis = new Redis();\nbeforeAll(async () => {\n  await redis.flushdb();\n});\n";
    expect(listenerLines(text, 'vitest.setup.ts')).toEqual([]);
    expect(listenerLines(text, 'src/redis.ts')).toEqual([2]);
  });
});
