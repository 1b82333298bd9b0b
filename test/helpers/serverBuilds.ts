/**
 * Fixed servers of the matrix for tests that compare servers within one run, whatever server the run itself
 * targets (REDIS_REVIEW_SERVER): Debian's Redis 7.0 and the vendored Redis 7.4 / Valkey 8 builds, with one
 * printed reason to skip a build this machine does not have.
 */
import { matrixServer, type MatrixServer } from './serverMatrix';

export type ServerBuild = MatrixServer;

export const REDIS_7_0 = matrixServer('redis-7.0');
export const REDIS_7_4 = matrixServer('redis-7.4');
export const VALKEY_8 = matrixServer('valkey-8');

const announced = new Set<string>();

/** The builds that exist here; each missing one prints why its tests are skipped (once per process). */
export function availableBuilds(builds: ServerBuild[], what: string): ServerBuild[] {
  for (const missing of builds.filter((b) => !b.available)) {
    if (announced.has(`${missing.id}:${what}`)) continue;
    announced.add(`${missing.id}:${what}`);
    console.warn(`Skipping ${what} on ${missing.label}: ${missing.unavailableReason ?? `${missing.server} not found`}.`);
  }
  return builds.filter((b) => b.available);
}
