/**
 * Profiles declared in the `redisReview.connections` setting (shared with a workspace, without secrets):
 * sanitised here at the boundary into ConnectionProfiles, with a readable problem for each bad entry.
 */
import { DEFAULT_SENTINEL_PORT, DEFAULT_PORT, newProfile, parseHostPort, type ConnectionProfile, type HostPort } from './profile';
import { parseConnectionUrl, ConnectionUrlError } from './url';
import { validateProfile } from './validation';

export interface SettingsProfileResult {
  profiles: ConnectionProfile[];
  /** "entry 2 (prod): ..." messages for the log. */
  problems: string[];
}

/** Stable id for a settings profile, so its secret survives reloads. */
export function settingsProfileId(name: string): string {
  return `settings:${name}`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function addresses(value: unknown, defaultPort: number): HostPort[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: HostPort[] = [];
  for (const item of value) {
    const parsed = typeof item === 'string' ? parseHostPort(item, defaultPort) : undefined;
    if (!parsed) throw new ConnectionUrlError(`"${String(item)}" is not host:port`);
    out.push(parsed);
  }
  return out;
}

function fromEntry(entry: Record<string, unknown>): ConnectionProfile {
  const name = str(entry.name);
  if (!name) throw new ConnectionUrlError('every entry needs a "name"');
  const url = str(entry.url);
  const parsedUrl = url ? parseConnectionUrl(url) : undefined;
  // Decided by the parser, not a pattern: a password with "/" or "@" in it must be caught too.
  if (parsedUrl?.password !== undefined) throw new ConnectionUrlError('the URL contains a password; remove it (you will be asked once and it is kept in secret storage)');
  const fromUrl = parsedUrl?.fields ?? {};
  const profile = newProfile({ id: settingsProfileId(name), name, ...fromUrl });
  if (str(entry.host)) profile.host = str(entry.host)!;
  if (num(entry.port)) profile.port = num(entry.port)!;
  if (str(entry.username)) profile.username = str(entry.username);
  if (num(entry.db) !== undefined) profile.db = num(entry.db)!;
  if (typeof entry.readOnly === 'boolean') profile.readOnly = entry.readOnly;
  if (num(entry.connectTimeoutMs)) profile.connectTimeoutMs = num(entry.connectTimeoutMs)!;
  if (num(entry.commandTimeoutMs)) profile.commandTimeoutMs = num(entry.commandTimeoutMs)!;
  if (Array.isArray(entry.delimiters)) profile.delimiters = entry.delimiters.filter((d): d is string => typeof d === 'string' && d !== '');
  if (typeof entry.passwordRequired === 'boolean') profile.passwordExpected = entry.passwordRequired;
  const tls = entry.tls;
  if (tls === true || (tls && typeof tls === 'object')) {
    const t = (tls === true ? {} : tls) as Record<string, unknown>;
    profile.tls = {
      verify: t.verify !== false,
      caFile: str(t.caFile),
      certFile: str(t.certFile),
      keyFile: str(t.keyFile),
      servername: str(t.servername),
    };
  }
  const sentinel = entry.sentinel as Record<string, unknown> | undefined;
  if (sentinel && typeof sentinel === 'object') {
    profile.topology = 'sentinel';
    profile.sentinel = {
      addresses: addresses(sentinel.addresses, DEFAULT_SENTINEL_PORT) ?? [],
      masterName: str(sentinel.masterName) ?? '',
      username: str(sentinel.username),
      tls: sentinel.tls === true,
    };
    if (typeof sentinel.passwordRequired === 'boolean') profile.sentinelPasswordExpected = sentinel.passwordRequired;
  }
  const cluster = entry.cluster as Record<string, unknown> | undefined;
  if (cluster && typeof cluster === 'object') {
    profile.topology = 'cluster';
    const natMap: Record<string, HostPort> = {};
    if (cluster.natMap && typeof cluster.natMap === 'object') {
      for (const [from, to] of Object.entries(cluster.natMap as Record<string, unknown>)) {
        const target = typeof to === 'string' ? parseHostPort(to, DEFAULT_PORT) : undefined;
        if (!target) throw new ConnectionUrlError(`natMap target for ${from} is not host:port`);
        natMap[from] = target;
      }
    }
    profile.cluster = {
      seeds: addresses(cluster.seeds, DEFAULT_PORT) ?? [{ host: profile.host, port: profile.port }],
      natMap: Object.keys(natMap).length ? natMap : undefined,
    };
  }
  const problems = validateProfile(profile);
  if (problems.length) throw new ConnectionUrlError(problems.map((p) => p.message).join('; '));
  return profile;
}

export function profilesFromSettings(value: unknown): SettingsProfileResult {
  const result: SettingsProfileResult = { profiles: [], problems: [] };
  if (!Array.isArray(value)) return result;
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    const label = `entry ${index + 1}${entry && typeof entry === 'object' && str((entry as Record<string, unknown>).name) ? ` (${(entry as Record<string, unknown>).name})` : ''}`;
    try {
      if (!entry || typeof entry !== 'object') throw new ConnectionUrlError('is not an object');
      const profile = fromEntry(entry as Record<string, unknown>);
      if (seen.has(profile.id)) throw new ConnectionUrlError('has the same name as an earlier entry');
      seen.add(profile.id);
      result.profiles.push(profile);
    } catch (error) {
      result.problems.push(`redisReview.connections ${label}: ${(error as Error).message}`);
    }
  });
  return result;
}
