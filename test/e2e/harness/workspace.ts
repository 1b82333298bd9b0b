/** Copies a fixture folder to a temp dir so tests can edit files without touching the repo. */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './tools';

export function copyWorkspace(relativeFolder: string): string {
  const target = mkdtempSync(join(tmpdir(), 'redis-review-ws-'));
  cpSync(join(REPO_ROOT, relativeFolder), target, { recursive: true });
  return target;
}
