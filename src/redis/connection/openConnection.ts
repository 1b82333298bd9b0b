/**
 * Opens a connection for a profile and proves it works (PING, server version) within the connect timeout.
 * ioredis' connect() rejects with a generic "Connection is closed."; the real cause arrives on the 'error'
 * (or Cluster 'node error') event, so both are captured and the most specific one is translated.
 */
import Redis, { Cluster } from 'ioredis';
import { parseInfo } from '../../core/info/parseInfo';
import { serverDisplayName } from '../../core/info/serverIdentity';
import { translateConnectionError, type ConnectionErrorKind, type ErrorContext } from '../../core/connection/errors';
import { entryAddresses, type ConnectionProfile, type ConnectionSecrets } from '../../core/connection/profile';
import { isCluster, type RedisClient } from '../client';
import { installReadOnlyGuard, type ReadOnlyGuard } from '../readOnlyGuard';
import { clusterOptions, redisOptions, type RetryPolicy } from './clientOptions';
import { confirmDatabase } from './confirmDatabase';
import { answersPlainRedis, plainPortError } from './plainPortProbe';

/** A failed connect: `message` is for the user, `detail` (the raw error) for the log. */
export class ConnectionFailure extends Error {
  override readonly name = 'ConnectionFailure';
  constructor(readonly kind: ConnectionErrorKind, message: string, readonly detail: string) {
    super(message);
  }
}

export interface OpenedConnection {
  client: RedisClient;
  /** redis_version ("7.0.15"; 7.2.4 on Valkey 8, which keeps the Redis release it is compatible with). */
  serverVersion: string;
  /** The server as users know it: "Redis 7.0.15", "Valkey 8.0.1". */
  serverLabel: string;
  /** Present for read-only profiles. */
  guard?: ReadOnlyGuard;
  /** Flip-side of the retry strategy: true once connected, so later drops reconnect with backoff. */
  retryPolicy: RetryPolicy;
  /** Milliseconds from start to a proven connection. */
  connectMs: number;
}

const GENERIC = /Connection is closed|Failed to refresh slots cache|None of startup nodes is available|Ready check failed/i;

/** How to open: `audience` phrases failure messages for the editor (default) or the command line. */
export interface OpenOptions {
  audience?: 'editor' | 'cli';
}

export function errorContext(profile: ConnectionProfile, audience: OpenOptions['audience'] = 'editor'): ErrorContext {
  return {
    db: profile.db,
    audience,
    topology: profile.topology,
    address: entryAddresses(profile)[0] ?? { host: profile.host, port: profile.port },
    username: profile.username,
    connectTimeoutMs: profile.connectTimeoutMs,
    masterName: profile.sentinel?.masterName,
  };
}

/** Translate any error met while using a profile's connection into a ConnectionFailure. */
export function toConnectionFailure(error: unknown, profile: ConnectionProfile, audience: OpenOptions['audience'] = 'editor'): ConnectionFailure {
  if (error instanceof ConnectionFailure) return error;
  const raw = error instanceof Error ? error : new Error(String(error));
  const code = (raw as NodeJS.ErrnoException).code;
  const translated = translateConnectionError({ message: raw.message, code }, errorContext(profile, audience));
  return new ConnectionFailure(translated.kind, translated.message, `${code ? code + ': ' : ''}${raw.message}`);
}

function createClient(profile: ConnectionProfile, secrets: ConnectionSecrets, policy: RetryPolicy): RedisClient {
  if (profile.topology === 'cluster') {
    const seeds = (profile.cluster?.seeds ?? []).map((s) => ({ host: s.host, port: s.port }));
    return new Cluster(seeds, clusterOptions(profile, secrets, policy));
  }
  return new Redis(redisOptions(profile, secrets, policy));
}

/**
 * redis_version and the server's own name and release from INFO server, or from HELLO when an ACL user may not
 * run INFO (HELLO's "server"/"version" are Valkey's own there, so the Redis-compatible version stays unknown).
 */
export async function readServerIdentity(client: RedisClient): Promise<{ serverVersion: string; serverLabel: string }> {
  const target: Redis | Cluster = isCluster(client) ? client.nodes('master')[0] ?? client : client;
  try {
    const server = parseInfo(await target.info('server')).server;
    if (server?.redis_version) return { serverVersion: server.redis_version, serverLabel: serverDisplayName(server) };
  } catch (error) {
    if (!/NOPERM/.test(String((error as Error).message))) throw error;
  }
  const hello = (await (target as Redis).call('HELLO')) as unknown;
  const flat = Array.isArray(hello) ? hello : hello instanceof Map ? [...hello.entries()].flat() : Object.entries(hello as Record<string, unknown>).flat();
  const field = (name: string) => {
    const index = flat.findIndex((v) => String(v) === name);
    return index >= 0 ? String(flat[index + 1]) : undefined;
  };
  const version = field('version') ?? 'unknown';
  const valkey = field('server')?.toLowerCase() === 'valkey';
  return { serverVersion: valkey ? 'unknown' : version, serverLabel: `${valkey ? 'Valkey' : 'Redis'} ${version}` };
}

function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * For a TLS profile: rejects once the handshake has hung for a moment and the port answers a plain PING (a
 * plain-text Redis port), so the user learns it in about a second instead of at the connect timeout.
 */
function plainPortWatch(profile: ConnectionProfile): { failed: Promise<never>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const address = profile.topology === 'sentinel' ? undefined : entryAddresses(profile)[0];
  const failed = new Promise<never>((_, reject) => {
    if (!profile.tls || !address) return;
    // A TLS handshake on a reachable port takes milliseconds; well before the timeout, ask the port in plain text.
    const waitMs = Math.min(1000, Math.max(200, profile.connectTimeoutMs / 5));
    timer = setTimeout(() => {
      void answersPlainRedis(address.host, address.port, Math.min(2000, profile.connectTimeoutMs)).then((plain) => {
        if (plain && !stopped) reject(plainPortError(address.host, address.port));
      });
    }, waitMs);
  });
  failed.catch(() => undefined);
  return {
    failed,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export async function openConnection(profile: ConnectionProfile, secrets: ConnectionSecrets, options: OpenOptions = {}): Promise<OpenedConnection> {
  const started = Date.now();
  const retryPolicy: RetryPolicy = { established: false };
  const client = createClient(profile, secrets, retryPolicy);
  const seen: Error[] = [];
  const remember = (error: Error) => {
    if (error && seen.length < 20) seen.push(error);
  };
  client.on('error', remember);
  if (isCluster(client)) client.on('node error', remember);
  const guard = profile.readOnly ? installReadOnlyGuard(client) : undefined;
  const plainPort = plainPortWatch(profile);
  try {
    await withDeadline(
      Promise.race([
        (async () => {
          await client.connect();
          // PING proves authentication and that this user may talk at all (NOPERM otherwise).
          await client.ping();
          if (profile.topology === 'cluster' && profile.db) throw new Error('SELECT is not allowed in cluster mode');
          if (!isCluster(client)) await confirmDatabase(client, profile.db);
        })(),
        plainPort.failed,
      ]),
      profile.connectTimeoutMs,
      () => Object.assign(new Error(`connect ETIMEDOUT after ${profile.connectTimeoutMs} ms`), { code: 'ETIMEDOUT' }),
    ).finally(() => plainPort.stop());
    const { serverVersion, serverLabel } = await readServerIdentity(client);
    if (guard) await guard.learnFromServer().catch(() => 0);
    retryPolicy.established = true;
    client.off('error', remember);
    if (isCluster(client)) client.off('node error', remember);
    // Keep a listener so ioredis never reports an unhandled 'error' event; sessions add their own.
    client.on('error', () => undefined);
    return { client, serverVersion, serverLabel, guard, retryPolicy, connectMs: Date.now() - started };
  } catch (error) {
    client.disconnect();
    if ((error as NodeJS.ErrnoException)?.code === 'ERR_TLS_PLAIN_PORT') throw toConnectionFailure(error, profile, options.audience);
    let specific = seen.find((e) => !GENERIC.test(e.message)) ?? (GENERIC.test(String((error as Error)?.message)) ? seen[0] ?? error : error);
    // ioredis' Cluster only says "Connection is closed" for its seeds; ask the first seed directly for the cause.
    if (isCluster(client) && GENERIC.test(String((specific as Error)?.message))) specific = (await probeSeed(profile, secrets)) ?? specific;
    throw toConnectionFailure(specific, profile, options.audience);
  }
}

/** Connect to the first cluster seed as a plain client and return the error it meets, if any. */
async function probeSeed(profile: ConnectionProfile, secrets: ConnectionSecrets): Promise<Error | undefined> {
  const seed = profile.cluster?.seeds[0];
  if (!seed) return undefined;
  const standalone = { ...profile, topology: 'standalone' as const, host: seed.host, port: seed.port, db: 0 };
  const probe = new Redis({ ...redisOptions(standalone, secrets, { established: false }), enableReadyCheck: false });
  let seen: Error | undefined;
  probe.on('error', (error: Error) => (seen ??= error));
  try {
    await withDeadline(probe.connect().then(() => probe.ping()), profile.connectTimeoutMs, () => new Error('probe timed out'));
    return undefined;
  } catch (error) {
    return seen ?? (error as Error);
  } finally {
    probe.disconnect();
  }
}
