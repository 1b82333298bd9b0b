/** Where the real-VS-Code tooling lives (installed by scripts/install-tools.sh into a cache folder). */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TOOLS_DIR = process.env.REDIS_REVIEW_TOOLS ?? join(homedir(), '.cache', 'redis-review-tools');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_BIN = join(TOOLS_DIR, 'node24', 'node_modules', 'node', 'bin');
export const CODE_SERVER = join(TOOLS_DIR, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test', 'e2e', 'artifacts');

export function assertToolsInstalled(): void {
  const missing = [CODE_SERVER, join(NODE24_BIN, 'node'), CHROMIUM].filter((path) => !existsSync(path));
  if (missing.length) {
    throw new Error(`Real-VS-Code tooling missing (${missing.join(', ')}). Run: bash scripts/install-tools.sh`);
  }
}
