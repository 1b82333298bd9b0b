/**
 * Fixed server builds for tests that compare servers within one run, whatever server the run itself targets:
 * Debian's Redis 7.0, and the vendored Redis 7.4 / Valkey 8 builds (servers/<name>/src/ under REDIS_REVIEW_TOOLS
 * or ~/.cache/redis-review-tools), with one printed reason to skip when a clone has not built them.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ServerBuild {
  /** "redis-7.0" | "redis-7.4" | "valkey-8". */
  id: string;
  label: string;
  server: string;
  cli: string;
  /** Present on this machine. */
  available: boolean;
}

/** Executable, not merely present: a build still linking has the file without its x bit. */
function runnable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const TOOLS = process.env.REDIS_REVIEW_TOOLS ?? join(homedir(), '.cache', 'redis-review-tools');

function build(id: string, label: string, folder: string, program: string): ServerBuild {
  const src = join(TOOLS, 'servers', folder, 'src');
  const server = join(src, `${program}-server`);
  const cli = join(src, `${program}-cli`);
  return { id, label, server, cli, available: runnable(server) && runnable(cli) };
}

export const REDIS_7_0: ServerBuild = {
  id: 'redis-7.0', label: 'Redis 7.0 (Debian)', server: '/usr/bin/redis-server', cli: '/usr/bin/redis-cli',
  available: runnable('/usr/bin/redis-server') && runnable('/usr/bin/redis-cli'),
};
export const REDIS_7_4 = build('redis-7.4', 'Redis 7.4.1', 'redis-7.4.1', 'redis');
export const VALKEY_8 = build('valkey-8', 'Valkey 8.0.1', 'valkey-8.0.1', 'valkey');

const announced = new Set<string>();

/** The builds that exist here; each missing one prints why its tests are skipped (once per process). */
export function availableBuilds(builds: ServerBuild[], what: string): ServerBuild[] {
  for (const missing of builds.filter((b) => !b.available)) {
    if (announced.has(`${missing.id}:${what}`)) continue;
    announced.add(`${missing.id}:${what}`);
    console.warn(`Skipping ${what} on ${missing.label}: no build at ${missing.server} (build its source release there with make, or install Debian's redis-server for 7.0).`);
  }
  return builds.filter((b) => b.available);
}
