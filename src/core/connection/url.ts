/**
 * Connection URLs ↔ profiles: redis://, rediss:// (TLS), and redis+sentinel:// / rediss+sentinel:// for
 * Sentinel ("redis+sentinel://user:pass@s1:26379,s2:26379/mymaster/0"). Passwords come back separately so
 * callers can put them into secret storage and never into a profile.
 */
import {
  DEFAULT_PORT,
  DEFAULT_SENTINEL_PORT,
  formatHostPort,
  parseHostPort,
  type ConnectionProfile,
  type HostPort,
} from './profile';

export interface ParsedConnectionUrl {
  /** Profile fields the URL determines (no id, name or timeouts). */
  fields: Partial<ConnectionProfile>;
  password?: string;
}

export class ConnectionUrlError extends Error {}

const SCHEMES = new Map([
  ['redis:', { tls: false, sentinel: false }],
  ['rediss:', { tls: true, sentinel: false }],
  ['redis+sentinel:', { tls: false, sentinel: true }],
  ['rediss+sentinel:', { tls: true, sentinel: true }],
]);

/** `what` names the part for the message: credentials are never quoted back. */
function decode(text: string, what?: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ConnectionUrlError(what ? `Cannot decode the ${what} in the URL (check its % escapes).` : `Cannot decode "${text}" in the URL (check % escapes).`);
  }
}

/**
 * Parses a connection URL. No error message ever contains the user name or password: the credentials are
 * split off at the last "@" first (so a password with an unescaped "/", "?" or "#" stays a password), and
 * any message is scrubbed of them again before it leaves.
 */
export function parseConnectionUrl(input: string): ParsedConnectionUrl {
  const text = input.trim();
  const schemeMatch = /^([a-z+]+:)\/\//i.exec(text);
  if (!schemeMatch) throw new ConnectionUrlError('A connection URL starts with redis://, rediss:// or redis+sentinel://');
  const scheme = SCHEMES.get(schemeMatch[1].toLowerCase());
  if (!scheme) throw new ConnectionUrlError(`Unsupported scheme "${schemeMatch[1]}" (use redis://, rediss:// or redis+sentinel://).`);
  const afterScheme = text.slice(schemeMatch[0].length);
  const at = afterScheme.lastIndexOf('@');
  const userInfo = at >= 0 ? afterScheme.slice(0, at) : '';
  try {
    return parseParts(scheme, userInfo, afterScheme.slice(at + 1));
  } catch (error) {
    if (!(error instanceof ConnectionUrlError) || !userInfo) throw error;
    throw new ConnectionUrlError(scrub(error.message, userInfo));
  }
}

/** Removes every piece of the credentials (raw and decoded) from a message. */
function scrub(message: string, userInfo: string): string {
  const pieces = [userInfo, ...userInfo.split(':')].flatMap((piece) => {
    let decoded = piece;
    try {
      decoded = decodeURIComponent(piece);
    } catch {
      // keep the raw piece only
    }
    return [piece, decoded];
  });
  let out = message;
  for (const piece of pieces.filter((p) => p.length >= 1).sort((a, b) => b.length - a.length)) out = out.split(piece).join('***');
  return out;
}

function parseParts(scheme: { tls: boolean; sentinel: boolean }, userInfo: string, afterCredentials: string): ParsedConnectionUrl {
  let rest = afterCredentials;
  const queryAt = rest.search(/[?#]/);
  const query = queryAt >= 0 ? new URLSearchParams(rest.slice(queryAt).replace(/^#.*/, '').replace(/^\?/, '')) : new URLSearchParams();
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  const slash = rest.indexOf('/');
  const hosts = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash + 1) : '';

  let username: string | undefined;
  let password: string | undefined;
  if (userInfo) {
    const colon = userInfo.indexOf(':');
    username = decode(colon >= 0 ? userInfo.slice(0, colon) : userInfo, 'user name') || undefined;
    password = colon >= 0 ? decode(userInfo.slice(colon + 1), 'password') || undefined : undefined;
    // "redis://secret@host" is the legacy password-only form used by many tools.
    if (colon < 0 && username !== undefined && !scheme.sentinel) {
      password = username;
      username = undefined;
    }
  }
  const defaultPort = scheme.sentinel ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT;
  const addresses: HostPort[] = [];
  for (const part of (hosts || '127.0.0.1').split(',')) {
    const address = parseHostPort(part, defaultPort);
    if (!address) throw new ConnectionUrlError(`"${part}" is not a valid host:port.`);
    addresses.push(address);
  }
  const segments = path.split('/').filter((s) => s !== '');
  const fields: Partial<ConnectionProfile> = { username, passwordExpected: password !== undefined };
  if (scheme.tls) fields.tls = { verify: query.get('verify') !== 'false' && query.get('insecure') !== 'true' };
  const servername = query.get('servername');
  if (servername && fields.tls) fields.tls.servername = servername;

  let dbText: string | undefined;
  if (scheme.sentinel) {
    const masterName = decode(segments[0] ?? query.get('sentinelMasterId') ?? query.get('serviceName') ?? '');
    if (!masterName) throw new ConnectionUrlError('A Sentinel URL names the master: redis+sentinel://host:26379/mymaster');
    fields.topology = 'sentinel';
    fields.sentinel = { addresses, masterName, tls: scheme.tls };
    fields.host = addresses[0].host;
    fields.port = addresses[0].port;
    dbText = segments[1];
  } else {
    if (addresses.length > 1) {
      fields.topology = 'cluster';
      fields.cluster = { seeds: addresses };
    } else {
      fields.topology = 'standalone';
    }
    fields.host = addresses[0].host;
    fields.port = addresses[0].port;
    dbText = segments[0];
  }
  dbText ??= query.get('db') ?? undefined;
  if (dbText !== undefined) {
    const db = Number(dbText);
    if (!Number.isInteger(db) || db < 0) throw new ConnectionUrlError(`"${dbText}" is not a database number.`);
    fields.db = db;
  } else {
    fields.db = 0;
  }
  return { fields, password };
}

/** A URL for display or sharing: never contains a password. */
export function profileToUrl(profile: ConnectionProfile): string {
  const user = profile.username ? `${encodeURIComponent(profile.username)}@` : '';
  const tls = profile.tls !== undefined;
  if (profile.topology === 'sentinel' && profile.sentinel) {
    const hosts = profile.sentinel.addresses.map(formatHostPort).join(',');
    const db = profile.db ? `/${profile.db}` : '';
    return `${tls ? 'rediss' : 'redis'}+sentinel://${user}${hosts}/${encodeURIComponent(profile.sentinel.masterName)}${db}`;
  }
  const addresses = profile.topology === 'cluster' && profile.cluster ? profile.cluster.seeds : [{ host: profile.host, port: profile.port }];
  const db = profile.db && profile.topology !== 'cluster' ? `/${profile.db}` : '';
  return `${tls ? 'rediss' : 'redis'}://${user}${addresses.map(formatHostPort).join(',')}${db}`;
}
