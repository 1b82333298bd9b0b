/**
 * Which server answered INFO: Redis, or Valkey (which keeps `redis_version` frozen at the Redis release it forked
 * from, 7.2.4, and reports its own release in `valkey_version` next to `server_name:valkey`).
 */
import type { InfoSection } from './parseInfo';

export interface ServerIdentity {
  /** "Redis" or "Valkey" (another `server_name` is shown as the server reports it). */
  name: string;
  /** The product's own release: valkey_version on Valkey, redis_version on Redis ("unknown" when absent). */
  version: string;
  /** redis_version: the Redis release whose commands and encodings the server matches. */
  redisCompatibleVersion: string;
}

/**
 * Identity from INFO server fields (the "server" section or a flattened INFO record). Valkey 7.2 had no
 * server_name yet but already reported valkey_version, so either field marks it.
 */
export function serverIdentity(fields: InfoSection | undefined): ServerIdentity {
  const redisVersion = fields?.redis_version?.trim() || 'unknown';
  const reportedName = fields?.server_name?.trim().toLowerCase();
  const valkeyVersion = fields?.valkey_version?.trim();
  if (reportedName === 'valkey' || (valkeyVersion && !reportedName)) {
    return { name: 'Valkey', version: valkeyVersion || redisVersion, redisCompatibleVersion: redisVersion };
  }
  if (reportedName && reportedName !== 'redis') {
    const ownVersion = fields?.[`${reportedName}_version`]?.trim();
    return { name: fields!.server_name!.trim(), version: ownVersion || redisVersion, redisCompatibleVersion: redisVersion };
  }
  return { name: 'Redis', version: redisVersion, redisCompatibleVersion: redisVersion };
}

/** "Valkey 8.0.1", "Redis 7.4.1". */
export function serverDisplayName(fields: InfoSection | undefined): string {
  const identity = serverIdentity(fields);
  return `${identity.name} ${identity.version}`;
}

/**
 * The version as the Connections tree and the stats table show it: Redis releases bare ("7.0.15", as before),
 * other servers named ("Valkey 8.0.1"), since their numbers mean something else than a Redis release.
 */
export function shownVersion(fields: InfoSection | undefined): string {
  const identity = serverIdentity(fields);
  return identity.name === 'Redis' ? identity.version : `${identity.name} ${identity.version}`;
}
