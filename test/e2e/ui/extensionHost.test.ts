/**
 * Runs the mocha extension-host tests (test/e2e/host, compiled to out/) inside a real VS Code (code-server) with a
 * real redis-server available to them through REDIS_REVIEW_TEST_URL.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { REPO_ROOT } from '../harness/tools';
import { openWorkbench, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

let redis: Standalone;
let server: CodeServer;
let workbench: Workbench | undefined;

beforeAll(async () => {
  redis = await startStandalone();
  server = await startCodeServer({ env: { REDIS_REVIEW_TEST_URL: redis.url } });
});

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  await redis?.stop();
});

it('extension-host tests pass in the real VS Code', async () => {
  const entry = join(REPO_ROOT, 'out', 'test', 'e2e', 'host', 'index.js');
  expect(existsSync(entry), 'compile the host tests first: npx tsc -p tsconfig.e2e.json').toBe(true);
  const lines: string[] = [];
  workbench = await openWorkbench(server, {
    folder: copyWorkspace('test/fixtures/workspace'),
    extensionTestsPath: entry,
    onHostLog: (line) => {
      lines.push(line);
      process.stdout.write(`  [host] ${line}\n`);
    },
  });
  const code = await Promise.race([
    workbench.testsExit,
    new Promise<number>((_, reject) => setTimeout(() => reject(new Error('host tests did not finish in 8 minutes')), 480_000)),
  ]);
  const output = lines.join('\n');
  const count = (word: string) => Number(output.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'test-results', 'extension-host.json'), JSON.stringify({ passing: count('passing'), failing: count('failing') }));
  if (code !== 0) await workbench.screenshot('extension-host-failure');
  expect(output).toMatch(/\d+ passing/);
  expect(code, output.slice(-4000)).toBe(0);
}, 540_000);
