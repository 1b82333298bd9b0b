/** missing-error-listener: a client another project file hands to BullMQ/Bull/Bee-Queue as their connection gets their listener. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const SHARED = {
  path: 'src/shared/redis.ts',
  text: "import Redis from 'ioredis';\n\nexport const redis = new Redis({ host: process.env.REDIS_HOST, maxRetriesPerRequest: null });\n\nexport const resetFlags = () => redis.del('flags');\n",
};

function sharedClientLines(others: { path: string; text: string }[]): number[] {
  const workspace = buildWorkspaceIndex(parsers, [SHARED, ...others]);
  return reviewSource(parsers, SHARED.text, { path: SHARED.path, language: 'typescript', workspace })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

describe('missing-error-listener and clients given to a queue package by another file', () => {
  it('does not report a client another file gives to BullMQ workers as their connection', () => {
    const worker = {
      path: 'src/shared/worker.ts',
      text: "import { Worker } from 'bullmq';\nimport { redis } from './redis';\n\nexport function startWorker(name: string, run: () => Promise<void>) {\n  return new Worker(name, run, { connection: redis, concurrency: 4 });\n}\n",
    };
    expect(sharedClientLines([worker])).toEqual([]);
  });

  it('follows a renamed import and the `{ connection }` shorthand', () => {
    const queue = {
      path: 'src/jobs/queue.ts',
      text: "import { Queue } from 'bullmq';\nimport { redis as connection } from '../shared/redis';\n\nexport const mailQueue = new Queue('mail', { connection });\n",
    };
    expect(sharedClientLines([queue])).toEqual([]);
  });

  it('still reports the client when the importing file gives it to a package that attaches no listener', () => {
    const sessions = {
      path: 'src/http/sessions.ts',
      text: "import { RedisStore } from 'connect-redis';\nimport { redis } from '../shared/redis';\n\nexport const store = new RedisStore({ client: redis, prefix: 'sess:' });\n",
    };
    expect(sharedClientLines([sessions])).toEqual([3]);
  });

  it('still reports it when a file importing BullMQ gives BullMQ a connection of its own', () => {
    const worker = {
      path: 'src/shared/worker.ts',
      text: "import IORedis from 'ioredis';\nimport { Worker } from 'bullmq';\nimport { redis } from './redis';\n\nconst connection = new IORedis({ maxRetriesPerRequest: null });\nexport const worker = new Worker('mail', async () => { await redis.incr('mails'); }, { connection });\n",
    };
    expect(sharedClientLines([worker])).toEqual([3]);
  });
});
