/**
 * Runs the same extension-host tests in desktop VS Code through @vscode/test-electron, for machines that can
 * download VS Code (`npm run test:electron`). Here (no internet) the code-server runner is used instead.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = join(__dirname, '..', '..', '..', '..');
  const workspace = mkdtempSync(join(tmpdir(), 'redis-review-ws-'));
  cpSync(join(repo, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'out', 'test', 'e2e', 'host', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
