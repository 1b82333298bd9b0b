/** Every generated TypeScript module passes strict tsc and behaves under concurrency with ioredis against a real redis-server. */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { TYPESCRIPT_DRIVERS } from './drivers/typescript';
import { EXPECTATIONS } from './expectations';
import { BUSY_MACHINE_MS, compileDrivers, keysMissingTtl, makeWorkspace, removeWorkspace, runTypescriptDriver, typecheckGenerated } from './harness';

let server: Standalone;
let redis: Redis;
let dir: string;
let compiled: Promise<void>;

beforeAll(async () => {
  server = await startStandalone();
  redis = new Redis({ port: server.port, host: '127.0.0.1' });
  dir = makeWorkspace('typescript');
  compiled = compileDrivers(dir, Object.keys(TYPESCRIPT_DRIVERS).map((name) => `drive_${name}.ts`)).then((result) => {
    if (result.code !== 0) throw new Error(`driver compilation failed:\n${result.stdout}${result.stderr}`);
  });
  compiled.catch(() => undefined);
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
  if (dir) removeWorkspace(dir);
});

describe('generated TypeScript (ioredis, tsc --strict)', () => {
  it('every module and test file passes tsc --strict --noEmit (with noUnused*)', async () => {
    const files = SCAFFOLD_PATTERNS.flatMap((pattern) => [`${pattern.templates.typescript.moduleName}.ts`, `${pattern.templates.typescript.moduleName}.test.ts`]);
    const result = await typecheckGenerated(dir, files);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, BUSY_MACHINE_MS + 60_000);

  for (const pattern of SCAFFOLD_PATTERNS) {
    it(`${pattern.id}: behaves as promised and sets TTLs`, async () => {
      await compiled;
      const report = await runTypescriptDriver(dir, pattern.templates.typescript.moduleName, { REDIS_URL: server.url, DRIVER_PREFIX: 'ts' });
      EXPECTATIONS[pattern.id].check(report);
      expect(await keysMissingTtl(redis, `ts-${pattern.id}`, EXPECTATIONS[pattern.id].persistent)).toEqual([]);
    }, 2 * BUSY_MACHINE_MS);
  }
});
