/** Builds ioredis options from a connection profile: TLS material, Sentinel and Cluster settings, timeouts and retries. */
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { ConnectionProfile, ConnectionSecrets } from '../../core/connection/profile';

/** Decides whether ioredis should keep retrying: only once a session was established (never during the first connect). */
export interface RetryPolicy {
  established: boolean;
  /** Called with each reconnect attempt number; lets the session report "reconnecting". */
  onRetry?(attempt: number): void;
}

/** Backoff for reconnects of an established session: 250 ms doubling up to 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(250 * 2 ** Math.min(attempt - 1, 5), 5000);
}

function retry(policy: RetryPolicy): (times: number) => number | null {
  return (times) => {
    if (!policy.established) return null;
    policy.onRetry?.(times);
    return reconnectDelay(times);
  };
}

export function tlsOptions(profile: ConnectionProfile, readFile: (path: string) => Buffer = readFileSync): ConnectionOptions | undefined {
  const tls = profile.tls;
  if (!tls) return undefined;
  const options: ConnectionOptions = { rejectUnauthorized: tls.verify };
  if (tls.caFile) options.ca = readFile(tls.caFile);
  if (tls.certFile) options.cert = readFile(tls.certFile);
  if (tls.keyFile) options.key = readFile(tls.keyFile);
  if (tls.servername) options.servername = tls.servername;
  // Without an explicit servername Node uses the host, which is what we want for names; for IPs it skips SNI.
  if (!tls.verify) options.checkServerIdentity = () => undefined;
  return options;
}

function commonOptions(profile: ConnectionProfile, secrets: ConnectionSecrets): RedisOptions {
  return {
    username: profile.username,
    password: secrets.password,
    connectTimeout: profile.connectTimeoutMs,
    commandTimeout: profile.commandTimeoutMs,
    // Commands issued while reconnecting wait in the offline queue; after two reconnect attempts they fail
    // (and every command has commandTimeout), so nothing in the extension host waits forever.
    maxRetriesPerRequest: 2,
    lazyConnect: true,
    connectionName: 'redis-review',
  };
}

/** Options for a standalone or Sentinel client (`new Redis(options)`). */
export function redisOptions(profile: ConnectionProfile, secrets: ConnectionSecrets, policy: RetryPolicy): RedisOptions {
  const base: RedisOptions = { ...commonOptions(profile, secrets), db: profile.db, retryStrategy: retry(policy) };
  const tls = tlsOptions(profile);
  if (profile.topology === 'sentinel') {
    const sentinel = profile.sentinel!;
    return {
      ...base,
      sentinels: sentinel.addresses.map((a) => ({ host: a.host, port: a.port })),
      name: sentinel.masterName,
      role: 'master',
      sentinelUsername: sentinel.username,
      sentinelPassword: secrets.sentinelPassword,
      tls,
      enableTLSForSentinelMode: Boolean(tls),
      sentinelTLS: sentinel.tls ? tls : undefined,
      sentinelCommandTimeout: profile.connectTimeoutMs,
      sentinelRetryStrategy: (times) => (policy.established ? reconnectDelay(times) : null),
      // Subscribe to +switch-master so a failover is followed at once instead of after the next socket error.
      failoverDetector: true,
      updateSentinels: true,
    };
  }
  return { ...base, host: profile.host, port: profile.port, tls };
}

/** Options for `new Cluster(seeds, options)`. */
export function clusterOptions(profile: ConnectionProfile, secrets: ConnectionSecrets, policy: RetryPolicy): ClusterOptions {
  const natMap = profile.cluster?.natMap;
  return {
    lazyConnect: true,
    redisOptions: { ...commonOptions(profile, secrets), tls: tlsOptions(profile) },
    clusterRetryStrategy: retry(policy),
    slotsRefreshTimeout: profile.connectTimeoutMs,
    // Re-read the slot map periodically so a failover is noticed even when nobody sends a command.
    slotsRefreshInterval: 5000,
    retryDelayOnClusterDown: 300,
    retryDelayOnFailover: 300,
    maxRedirections: 8,
    natMap: natMap ? Object.fromEntries(Object.entries(natMap).map(([from, to]) => [from, { host: to.host, port: to.port }])) : undefined,
  };
}
