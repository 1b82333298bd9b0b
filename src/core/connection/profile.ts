/** The connection profile model: everything needed to reach a Redis deployment, except secrets. */

export type Topology = 'standalone' | 'sentinel' | 'cluster';

export interface HostPort {
  host: string;
  port: number;
}

export interface TlsSettings {
  /** PEM file paths; read when the client is created, never stored inline. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** SNI / certificate host name to expect when it differs from the host connected to. */
  servername?: string;
  /** false accepts any certificate (self-signed test servers); true by default. */
  verify: boolean;
}

export interface SentinelSettings {
  addresses: HostPort[];
  masterName: string;
  /** ACL user for the sentinels themselves (their password lives in secret storage). */
  username?: string;
  /** Use TLS (with the profile's TLS settings) for the sentinel connections too. */
  tls: boolean;
}

export interface ClusterSettings {
  seeds: HostPort[];
  /** Address the cluster announces → address reachable from here ("10.0.0.5:6379" → {host, port}). */
  natMap?: Record<string, HostPort>;
}

export interface ConnectionProfile {
  id: string;
  name: string;
  topology: Topology;
  /** Standalone address (ignored for Sentinel/Cluster, which use their own address lists). */
  host: string;
  port: number;
  username?: string;
  db: number;
  /** Present when TLS is on. */
  tls?: TlsSettings;
  sentinel?: SentinelSettings;
  cluster?: ClusterSettings;
  /** Refuse write and dangerous commands below the UI. */
  readOnly: boolean;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Namespace delimiters for the key tree, e.g. [":"] or [":", "/"]. */
  delimiters: string[];
  /** Whether secret storage should hold a password for this profile (asked for once when missing). */
  passwordExpected: boolean;
  sentinelPasswordExpected: boolean;
}

/** Secrets kept apart from the profile (SecretStorage in the extension, env/arguments in tests). */
export interface ConnectionSecrets {
  password?: string;
  sentinelPassword?: string;
}

export const DEFAULT_PORT = 6379;
export const DEFAULT_SENTINEL_PORT = 26379;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 15_000;
export const DEFAULT_DELIMITERS = [':'];

/** A profile with every default filled in; `fields` wins. */
export function newProfile(fields: Partial<ConnectionProfile> & Pick<ConnectionProfile, 'id'>): ConnectionProfile {
  const host = fields.host ?? '127.0.0.1';
  const port = fields.port ?? DEFAULT_PORT;
  return {
    name: fields.name ?? `${host}:${port}`,
    topology: 'standalone',
    host,
    port,
    db: 0,
    readOnly: false,
    connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: DEFAULT_COMMAND_TIMEOUT_MS,
    delimiters: [...DEFAULT_DELIMITERS],
    passwordExpected: false,
    sentinelPasswordExpected: false,
    ...fields,
  };
}

/** "host:port" for messages and tree labels. */
export function formatHostPort(address: HostPort): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}

/** Parse "host:port" / "[::1]:port" / "host" (default port) — undefined when malformed. */
export function parseHostPort(text: string, defaultPort: number): HostPort | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(trimmed);
  if (bracketed) return portOk(bracketed[1], bracketed[2], defaultPort);
  const parts = trimmed.split(':');
  if (parts.length > 2) return undefined;
  return portOk(parts[0], parts[1], defaultPort);
}

function portOk(host: string, portText: string | undefined, defaultPort: number): HostPort | undefined {
  if (!host || /\s/.test(host)) return undefined;
  const port = portText === undefined ? defaultPort : Number(portText);
  return Number.isInteger(port) && port > 0 && port < 65536 ? { host, port } : undefined;
}

/** The addresses a profile's client starts from, by topology. */
export function entryAddresses(profile: ConnectionProfile): HostPort[] {
  if (profile.topology === 'sentinel') return profile.sentinel?.addresses ?? [];
  if (profile.topology === 'cluster') return profile.cluster?.seeds ?? [];
  return [{ host: profile.host, port: profile.port }];
}

/** A one-line description without secrets, e.g. "cluster · 127.0.0.1:7000 +5 · TLS · read-only". */
export function describeProfile(profile: ConnectionProfile): string {
  const addresses = entryAddresses(profile);
  const where = addresses.length ? formatHostPort(addresses[0]) + (addresses.length > 1 ? ` +${addresses.length - 1}` : '') : '?';
  const parts = [profile.topology === 'standalone' ? where : `${profile.topology} ${where}`];
  if (profile.topology === 'sentinel' && profile.sentinel) parts.push(profile.sentinel.masterName);
  if (profile.db && profile.topology !== 'cluster') parts.push(`db${profile.db}`);
  if (profile.tls) parts.push('TLS');
  if (profile.username) parts.push(`user ${profile.username}`);
  if (profile.readOnly) parts.push('read-only');
  return parts.join(' · ');
}
