/** Every generated Python module compiles with Debian's python3 and behaves under concurrency against a real redis-server. */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { EXPECTATIONS } from './expectations';
import { keysMissingTtl, makeWorkspace, removeWorkspace, run, runPythonDriver, SYSTEM_PYTHON } from './harness';

let server: Standalone;
let redis: Redis;
let dir: string;

beforeAll(async () => {
  server = await startStandalone();
  redis = new Redis({ port: server.port, host: '127.0.0.1' });
  dir = makeWorkspace('python');
});

afterAll(async () => {
  await redis?.quit();
  await server?.stop();
  if (dir) removeWorkspace(dir);
});

describe('generated Python (redis-py 4.3 on /usr/bin/python3)', () => {
  it('every module and test file passes py_compile', async () => {
    const files = SCAFFOLD_PATTERNS.flatMap((pattern) => [`${pattern.templates.python.moduleName}.py`, `test_${pattern.templates.python.moduleName}.py`]);
    const result = await run(SYSTEM_PYTHON, ['-m', 'py_compile', ...files], { cwd: dir, env: { PYTHONDONTWRITEBYTECODE: '1' } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  for (const pattern of SCAFFOLD_PATTERNS) {
    it(`${pattern.id}: behaves as promised and sets TTLs`, async () => {
      const prefix = `py-${pattern.id}`;
      const report = await runPythonDriver(dir, pattern.templates.python.moduleName, { REDIS_URL: server.url, DRIVER_PREFIX: 'py' });
      EXPECTATIONS[pattern.id].check(report);
      expect(await keysMissingTtl(redis, prefix, EXPECTATIONS[pattern.id].persistent)).toEqual([]);
    });
  }
});

describe('generated Python with a decode_responses=True client (str replies instead of bytes)', () => {
  for (const pattern of SCAFFOLD_PATTERNS) {
    it(`${pattern.id}: same behaviour`, async () => {
      const report = await runPythonDriver(dir, pattern.templates.python.moduleName, { REDIS_URL: server.url, DRIVER_PREFIX: 'pyd', DECODE_RESPONSES: '1' });
      EXPECTATIONS[pattern.id].check(report);
      expect(await keysMissingTtl(redis, `pyd-${pattern.id}`, EXPECTATIONS[pattern.id].persistent)).toEqual([]);
    });
  }
});
