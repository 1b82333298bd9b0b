/**
 * Copies a fixture folder to a temp dir so tests can edit files without touching the repo. An installed
 * node_modules (examples/, see scripts/exampleDependencies.mjs) is linked, not copied: VS Code's TypeScript
 * resolves the packages through it as in the real project.
 */
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPO_ROOT } from './tools';

export function copyWorkspace(relativeFolder: string): string {
  const target = mkdtempSync(join(tmpdir(), 'redis-review-ws-'));
  const source = join(REPO_ROOT, relativeFolder);
  cpSync(source, target, { recursive: true, filter: (path) => !(basename(path) === 'node_modules' && path === join(source, 'node_modules')) });
  if (existsSync(join(source, 'node_modules'))) symlinkSync(join(source, 'node_modules'), join(target, 'node_modules'), 'dir');
  return target;
}
