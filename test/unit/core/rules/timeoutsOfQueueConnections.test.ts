/** missing-timeouts: `maxRetriesPerRequest: null` on a client that another project file hands to BullMQ as its connection. */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const SHARED = {
  path: 'src/infra/redis.ts',
  text: "import Redis from 'ioredis';\n\nexport const redis = new Redis({ host: process.env.REDIS_HOST, maxRetriesPerRequest: null });\nredis.on('error', console.error);\n",
};

const PROVIDER = {
  path: 'src/store/redis.module.ts',
  text: `import { Module } from '@nestjs/common';
import Redis from 'ioredis';
import { CACHE_CLIENT } from './tokens';

@Module({
  providers: [
    {
      provide: CACHE_CLIENT,
      useFactory: () => {
        const client = new Redis({ host: 'cache', maxRetriesPerRequest: null });
        client.on('error', console.error);
        return client;
      },
    },
  ],
  exports: [CACHE_CLIENT],
})
export class RedisModule {}
`,
};

describe('missing-timeouts and clients handed to a queue package by another file', () => {
  it('does not report a module-level client another file gives to BullMQ workers', () => {
    const worker = {
      path: 'src/infra/worker.ts',
      text: "import { Worker } from 'bullmq';\nimport { redis } from './redis';\n\nexport const startWorker = (name: string, run: () => Promise<void>) => new Worker(name, run, { connection: redis });\n",
    };
    expect(findingLines.inWorkspace('missing-timeouts', [SHARED, worker], 0)).toEqual([]);
  });

  it('does not report a NestJS provider whose token a queue module injects as its connection', () => {
    const jobs = {
      path: 'src/jobs/jobs.module.ts',
      text: `import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import Redis from 'ioredis';
import { CACHE_CLIENT } from '../store/tokens';

@Module({
  imports: [
    BullModule.forRootAsync({
      useFactory: (client: Redis) => ({ connection: client }),
      inject: [CACHE_CLIENT],
    }),
  ],
})
export class JobsModule {}
`,
    };
    expect(findingLines.inWorkspace('missing-timeouts', [PROVIDER, jobs], 0)).toEqual([]);
  });

  it('still reports the client when other files only use it for requests or give it to a non-queue package', () => {
    const sessions = {
      path: 'src/http/sessions.ts',
      text: "import { RedisStore } from 'connect-redis';\nimport { redis } from '../infra/redis';\n\nexport const store = new RedisStore({ client: redis, prefix: 'sess:' });\n",
    };
    const throttler = {
      path: 'src/app.module.ts',
      text: `import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { CACHE_CLIENT } from './store/tokens';

@Module({
  imports: [ThrottlerModule.forRootAsync({ useFactory: (client) => ({ storage: client }), inject: [CACHE_CLIENT] })],
})
export class AppModule {}
`,
    };
    expect(findingLines.inWorkspace('missing-timeouts', [SHARED, sessions], 0)).toEqual([3]);
    expect(findingLines.inWorkspace('missing-timeouts', [PROVIDER, throttler], 0)).toEqual([10]);
  });
});
