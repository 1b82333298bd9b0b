/**
 * The server matrix of the integration tests: Debian's Redis 7.0, and Redis 7.4 and Valkey 8 built from the
 * source archives in ../shared/vendor. Says which server this test process runs on (REDIS_REVIEW_SERVER), where
 * its binaries are, whether it is usable here and why not, and which suites run on every server.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { TARGET_SERVERS, type TargetServer } from '../../src/core/servers/targetServers';

/** The same ids as a project's target server ("redis-7.0" | "redis-7.4" | "valkey-8"). */
export type ServerId = TargetServer;
export type ServerProduct = 'redis' | 'valkey';

export interface MatrixServer {
  id: ServerId;
  /** "Redis 7.4.1", "Valkey 8.0.1". */
  label: string;
  product: ServerProduct;
  /** The product's own version (valkey_version for Valkey). */
  version: string;
  /** The Redis version the server reports in redis_version (Valkey 8 claims Redis 7.2.4 compatibility). */
  redisCompatibleVersion: string;
  server: string;
  /** The Sentinel program; run it as `sentinel <config file> ...sentinelArgs`. */
  sentinel: string;
  /** ['--sentinel'] when the build has no separate sentinel program and the server runs in Sentinel mode. */
  sentinelArgs: string[];
  cli: string;
  /** Its binaries exist on this machine. */
  available: boolean;
  /** Why not, with what to do about it (set when not available). */
  unavailableReason?: string;
}

/**
 * The integration test files and folders that run again on every server of the matrix (the whole integration
 * project runs on Redis 7.0): connections (standalone, password, ACL, TLS, Sentinel, Cluster), browsing and
 * editing, memory analysis, and the boot tests of generated redis.conf files.
 */
export const MATRIX_SUITES: readonly string[] = [
  'test/integration/harness/servers.test.ts',
  'test/integration/redis/',
  'test/integration/analysis/',
  'test/integration/conf/boot.test.ts',
];

/** The folder holding vendored source archives: REDIS_REVIEW_VENDOR, or shared/vendor next to the project. */
export function vendorDir(): string {
  return process.env.REDIS_REVIEW_VENDOR ?? resolve(__dirname, '..', '..', '..', 'shared', 'vendor');
}

/** Where scripts/install-tools.sh builds the vendored servers (servers/<name>/src/). */
export function toolsDir(): string {
  return process.env.REDIS_REVIEW_TOOLS ?? join(homedir(), '.cache', 'redis-review-tools');
}

interface Build {
  id: ServerId;
  product: ServerProduct;
  version: string;
  redisCompatibleVersion: string;
}

const DEBIAN: Build = { id: 'redis-7.0', product: 'redis', version: '7.0.15', redisCompatibleVersion: '7.0.15' };
const VENDORED: Build[] = [
  { id: 'redis-7.4', product: 'redis', version: '7.4.1', redisCompatibleVersion: '7.4.1' },
  { id: 'valkey-8', product: 'valkey', version: '8.0.1', redisCompatibleVersion: '7.2.4' },
];

function label(build: Build): string {
  return `${build.product === 'redis' ? 'Redis' : 'Valkey'} ${build.version}`;
}

/**
 * A Sentinel program next to the server, or the server itself in Sentinel mode (Debian ships redis-sentinel in a
 * package of its own; `redis-server --sentinel` and `valkey-server --sentinel` are the same program).
 */
export function sentinelOf(server: string, separate: string): { sentinel: string; sentinelArgs: string[] } {
  return existsSync(separate) || !existsSync(server)
    ? { sentinel: separate, sentinelArgs: [] }
    : { sentinel: server, sentinelArgs: ['--sentinel'] };
}

function debianServer(): MatrixServer {
  const server = '/usr/bin/redis-server';
  const available = existsSync(server);
  return {
    ...DEBIAN,
    label: `${label(DEBIAN)} (Debian)`,
    server,
    ...sentinelOf(server, '/usr/bin/redis-sentinel'),
    cli: '/usr/bin/redis-cli',
    available,
    ...(available ? {} : { unavailableReason: `${server} not found (install Debian's redis-server, redis-sentinel and redis-tools)` }),
  };
}

function vendoredServer(build: Build): MatrixServer {
  const name = `${build.product}-${build.version}`;
  const src = join(toolsDir(), 'servers', name, 'src');
  const server = join(src, `${build.product}-server`);
  const cli = join(src, `${build.product}-cli`);
  const sentinel = join(src, `${build.product}-sentinel`);
  // The build writes the sentinel program last, as a copy of the finished server: a build still linking has an
  // empty server file and no sentinel yet.
  const available = existsSync(server) && statSync(server).size > 0 && existsSync(cli) && existsSync(sentinel);
  const archive = join(vendorDir(), `${name}.tar.gz`);
  const unavailableReason = available
    ? undefined
    : !existsSync(vendorDir())
      ? `../shared/vendor not found (${vendorDir()}; set REDIS_REVIEW_VENDOR to the folder holding ${name}.tar.gz)`
      : !existsSync(archive)
        ? `${archive} not found`
        : `${name} is not built yet (bash scripts/install-tools.sh builds it into ${join(toolsDir(), 'servers', name)})`;
  return {
    ...build,
    label: label(build),
    server,
    sentinel,
    sentinelArgs: [],
    cli,
    available,
    ...(unavailableReason ? { unavailableReason } : {}),
  };
}

/** Every server of the matrix, oldest first, whether built here or not. */
export function matrixServers(): MatrixServer[] {
  return [debianServer(), ...VENDORED.map(vendoredServer)];
}

/** One server of the matrix by id; an unknown id is an error naming the valid ones. */
export function matrixServer(id: string): MatrixServer {
  const found = matrixServers().find((server) => server.id === id);
  if (!found) throw new Error(`Unknown server "${id}": use one of ${TARGET_SERVERS.join(', ')}`);
  return found;
}

/**
 * The server this test process runs on: REDIS_REVIEW_SERVER, or Debian's Redis 7.0 when unset. REDIS_SERVER_BIN,
 * REDIS_SENTINEL_BIN and REDIS_CLI_BIN still override single binaries (then the id is what the caller says it is).
 */
export function currentServer(): MatrixServer {
  const base = matrixServer(process.env.REDIS_REVIEW_SERVER || DEBIAN.id);
  const server = process.env.REDIS_SERVER_BIN ?? base.server;
  const sentinel = process.env.REDIS_SENTINEL_BIN;
  return {
    ...base,
    server,
    ...(sentinel ? { sentinel, sentinelArgs: [] } : {}),
    cli: process.env.REDIS_CLI_BIN ?? base.cli,
    available: existsSync(server),
  };
}

/** Compares dotted versions numerically ("7.10" > "7.4"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** The current server is this product at this version or later: serverAtLeast('redis', '7.4') is false on Valkey. */
export function serverAtLeast(product: ServerProduct, version: string): boolean {
  const server = currentServer();
  return server.product === product && compareVersions(server.version, version) >= 0;
}

/** The current server speaks the Redis API of this version or later (Valkey 8 speaks Redis 7.2's). */
export function redisApiAtLeast(version: string): boolean {
  return compareVersions(currentServer().redisCompatibleVersion, version) >= 0;
}

export function isValkey(): boolean {
  return currentServer().product === 'valkey';
}
