// Installs the examples/ workspace's packages (express, ioredis, node-redis and their types) from the npm registry
// with `npm ci` whenever examples/node_modules does not match examples/package-lock.json, so VS Code's TypeScript
// resolves every import of the demo project and the Problems panel shows only Redis Review's findings.
// Used by scripts/demo.sh and the tests; run alone: node scripts/exampleDependencies.mjs
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = fileURLToPath(new URL('../examples', import.meta.url));
const STAMP = join(EXAMPLES_DIR, 'node_modules', '.redis-review-lock-sha256');

function lockHash() {
  return createHash('sha256').update(readFileSync(join(EXAMPLES_DIR, 'package-lock.json'))).digest('hex');
}

/** True when examples/node_modules was installed from the current lock file. */
export function exampleDependenciesFresh() {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === lockHash();
}

/** Runs `npm ci` in examples/ unless its node_modules already matches the lock; returns whether it installed. */
export function ensureExampleDependencies({ log = (line) => process.stderr.write(`${line}\n`), stdio = 'pipe' } = {}) {
  if (exampleDependenciesFresh()) return false;
  log('installing the examples/ packages from the npm registry (npm ci, about a minute the first time)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: EXAMPLES_DIR, stdio, timeout: 15 * 60_000 });
  writeFileSync(STAMP, `${lockHash()}\n`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const installed = ensureExampleDependencies({ stdio: 'inherit' });
    if (!installed) console.error('examples/node_modules is up to date');
  } catch (error) {
    console.error(`could not install the examples/ packages: ${error.message}`);
    process.exit(1);
  }
}
