/** The packaged .vsix installs into a real VS Code (code-server) and reports the keys-command diagnostic there. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isolatedEnv, startCodeServer, type CodeServer } from '../harness/codeServer';
import { CODE_SERVER, REPO_ROOT } from '../harness/tools';
import { eventually, openFile, openWorkbench, problems, type Workbench } from '../harness/workbench';
import { copyWorkspace } from '../harness/workspace';

const work = mkdtempSync(join(tmpdir(), 'redis-review-vsix-'));
let server: CodeServer;
let workbench: Workbench;

beforeAll(async () => {
  const vsix = join(work, 'redis-review.vsix');
  execFileSync('node', [join(REPO_ROOT, 'scripts', 'package-vsix.mjs'), vsix], { cwd: REPO_ROOT, stdio: 'pipe' });
  const extensionsDir = join(work, 'extensions');
  execFileSync(CODE_SERVER, ['--extensions-dir', extensionsDir, '--install-extension', vsix], {
    env: isolatedEnv(work),
    stdio: 'pipe',
  });
  server = await startCodeServer({ extensionsDir });
  workbench = await openWorkbench(server, { folder: copyWorkspace('examples'), extensionDevelopmentPath: null });
}, 300_000);

afterAll(async () => {
  await workbench?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

it('packages a small .vsix that installs and reports keys-command in the real VS Code', async () => {
  expect(statSync(join(work, 'redis-review.vsix')).size).toBeLessThan(15 * 1024 * 1024);
  const { page } = workbench;
  await openFile(page, 'node-api/server.ts');
  const rows = await eventually(async () => {
    const texts = await problems(page);
    return texts.some((t) => t.includes('keys-command')) ? texts : undefined;
  }, 'keys-command from the installed .vsix', 90_000);
  await workbench.screenshot('vsix-problems');
  expect(rows.some((t) => t.includes('keys-command'))).toBe(true);
});
