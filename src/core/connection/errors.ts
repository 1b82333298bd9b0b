/**
 * Turns the raw errors of a Redis connection (socket codes, server replies, TLS failures, Sentinel and
 * Cluster messages) into one actionable sentence for the user. The raw text goes to the log separately.
 */
import { formatHostPort, type HostPort, type Topology } from './profile';

export type ConnectionErrorKind =
  | 'refused'
  | 'timeout'
  | 'dns'
  | 'unreachable'
  | 'auth'
  | 'noauth'
  | 'noperm'
  | 'tls-certificate'
  | 'tls-mismatch'
  | 'sentinel-no-master'
  | 'sentinel-unreachable'
  | 'cluster-down'
  | 'loading'
  | 'read-only'
  | 'closed'
  | 'not-redis'
  | 'database'
  | 'unknown';

export interface TranslatedError {
  kind: ConnectionErrorKind;
  /** What went wrong and what to do, in one or two sentences. */
  message: string;
}

export interface ErrorContext {
  topology: Topology;
  address: HostPort;
  username?: string;
  connectTimeoutMs: number;
  masterName?: string;
  /** The logical database asked for (named when the server refuses it). */
  db?: number;
  /**
   * Who reads the message: the editor (default) points at the connection's settings; the command line points
   * at the URL and its flags, which is all a CLI user can change.
   */
  audience?: 'editor' | 'cli';
}

/** The fix a user can make, phrased for where they make it. */
function advice(context: ErrorContext) {
  const cli = context.audience === 'cli';
  return {
    credentials: cli ? 'Check the user and password in the URL (redis://user:password@host:port).' : 'Edit the connection to fix the credentials.',
    setPassword: cli ? 'Put the password in the URL (redis://:password@host:port).' : 'Edit the connection and set one.',
    removePassword: cli ? 'Remove the password from the URL.' : 'Remove the password from the connection.',
    clientCertificate: cli ? 'The command line cannot present a client certificate; analyse through an editor connection with client certificate files set.' : 'Set the client certificate and key files in the TLS settings.',
    untrustedCa: cli ? 'its certificate is not signed by a CA Node trusts (set NODE_EXTRA_CA_CERTS to your CA file, or add ?verify=false to the URL for a test server)' : 'its certificate is not signed by a CA you trust (set the CA file, or turn verification off for a test server)',
    altName: cli ? 'its certificate is not valid for this host name (add ?servername=<name in the certificate> to the URL)' : 'its certificate is not valid for this host name (set "servername" to the name in the certificate)',
    tlsSettings: cli ? 'Check the scheme (rediss:// for TLS, redis:// without) and the port.' : 'Check the TLS settings and the port.',
    plainPort: cli ? 'Use redis:// for this port, or the server\'s TLS port with rediss://.' : 'Turn TLS off for this connection (redis://), or use the server\'s TLS port.',
    standalone: cli ? 'Leave out --cluster.' : 'Use a standalone connection instead.',
    database: cli ? 'Use a database number the server has in the URL path (redis://host:port/0).' : 'Edit the connection and pick a database the server has.',
  };
}

export interface RawError {
  message: string;
  code?: string;
}

const TLS_CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE', 'CERT_UNTRUSTED', 'CERT_REJECTED',
]);

export function translateConnectionError(error: RawError, context: ErrorContext): TranslatedError {
  const where = formatHostPort(context.address);
  const text = error.message;
  const user = context.username ?? 'default';
  const code = error.code ?? /\b(E[A-Z]{3,}|ERR_[A-Z_]+|[A-Z_]{8,})\b/.exec(text)?.[1];
  const fix = advice(context);
  const noperm = /NOPERM[^']*'([^']+)'/.exec(text) ?? /NOPERM.*?command\s+(\S+)/i.exec(text);
  if (/^NOPERM|\bNOPERM\b/.test(text)) {
    const what = noperm ? ` "${noperm[1].replace('|', ' ').toUpperCase()}"` : '';
    const keyOrChannel = /no permissions to access one of the (keys|channels)/.exec(text);
    if (keyOrChannel) {
      return { kind: 'noperm', message: `The ACL user "${user}" may not access those ${keyOrChannel[1]} (its key patterns exclude them).` };
    }
    return {
      kind: 'noperm',
      message: `The ACL user "${user}" is not allowed to run${what}. Ask an administrator to grant it (ACL SETUSER ${user} +${noperm?.[1] ?? '<command>'}) or connect as another user.`,
    };
  }
  if (/WRONGPASS|invalid username-password pair|invalid password/i.test(text)) {
    return { kind: 'auth', message: `Authentication failed for user "${user}" at ${where}: wrong user name or password. ${fix.credentials}` };
  }
  if (/NOAUTH|Authentication required/i.test(text)) {
    return { kind: 'noauth', message: `${where} requires a password. ${fix.setPassword}` };
  }
  if (/AUTH.*called without any password configured|Client sent AUTH, but no password is set/i.test(text)) {
    return { kind: 'auth', message: `${where} has no password configured, but one was sent. ${fix.removePassword}` };
  }
  if (code === 'ERR_TLS_PLAIN_PORT') {
    return { kind: 'tls-mismatch', message: `${where} speaks plain Redis without TLS, so the TLS handshake got no answer. ${fix.plainPort}` };
  }
  if (/certificate required|peer did not return a certificate|ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED/i.test(text + (code ?? ''))) {
    return { kind: 'tls-mismatch', message: `${where} requires a client certificate. ${fix.clientCertificate}` };
  }
  if (TLS_CERT_CODES.has(code ?? '') || /certificate|self[- ]signed|altname/i.test(text)) {
    const detail = code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /altname|Hostname\/IP does not match/i.test(text)
      ? fix.altName
      : code === 'CERT_HAS_EXPIRED' ? 'its certificate has expired'
      : fix.untrustedCa;
    return { kind: 'tls-certificate', message: `TLS to ${where} failed: ${detail}. (${code ?? text})` };
  }
  if (/wrong version number|packet length too long|EPROTO|ssl3_get_record|unexpected eof while reading|tlsv1 alert|handshake failure/i.test(text)) {
    return { kind: 'tls-mismatch', message: `TLS handshake with ${where} failed: the server probably does not speak TLS on this port, or needs a client certificate. ${fix.tlsSettings}` };
  }
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) {
    return { kind: 'refused', message: `Nothing accepts connections at ${where}. Is the server running, and is the port right?` };
  }
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || /ENETUNREACH|EHOSTUNREACH/.test(text)) {
    return { kind: 'unreachable', message: `There is no network route to ${where}. Check the address, VPN or tunnel.` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN/.test(text)) {
    return { kind: 'dns', message: `The host name "${context.address.host}" cannot be resolved. Check the spelling or your network/VPN.` };
  }
  if (code === 'ETIMEDOUT' || /ETIMEDOUT|timed? ?out|Command timed out/i.test(text)) {
    return { kind: 'timeout', message: `${where} did not answer within ${Math.round(context.connectTimeoutMs / 100) / 10} s. Check the address, firewalls, and whether TLS is needed.` };
  }
  if (context.topology === 'sentinel' && /No such master|no master|NOMASTER|master.*not found/i.test(text)) {
    return { kind: 'sentinel-no-master', message: `No Sentinel knows a master named "${context.masterName ?? '?'}". Check the master name (SENTINEL MASTERS lists them).` };
  }
  if (context.topology === 'sentinel' && /All sentinels are unreachable|failed to connect to any sentinel/i.test(text)) {
    return { kind: 'sentinel-unreachable', message: `None of the Sentinels (${where}…) answered. Check their addresses, that they run, and the Sentinel password/TLS settings.` };
  }
  if (/CLUSTERDOWN|cluster ?down|Failed to refresh slots cache|None of startup nodes is available/i.test(text)) {
    return { kind: 'cluster-down', message: `The cluster is down or unreachable from ${where}: not every hash slot is served. Wait for failover or check the nodes.` };
  }
  if (/cluster support disabled/i.test(text)) {
    return { kind: 'cluster-down', message: `${where} is not a cluster node (cluster support disabled). ${fix.standalone}` };
  }
  if (/Unknown RESP type|Protocol error|unexpected reply/i.test(text)) {
    return { kind: 'not-redis', message: `Something answered at ${where}, but it does not speak the Redis protocol. Check the port, and whether TLS is needed.` };
  }
  if (/DB index is out of range|invalid DB index|SELECT is not allowed in cluster mode/i.test(text)) {
    const which = context.db !== undefined ? `database ${context.db}` : 'that database';
    const why = /cluster/i.test(text) ? 'a Cluster has only database 0' : 'its "databases" setting allows fewer (the default 16 means 0-15)';
    return { kind: 'database', message: `${where} refused ${which}: ${why}. ${fix.database}` };
  }
  if (/^LOADING/.test(text)) {
    return { kind: 'loading', message: `${where} is loading its dataset into memory; try again in a moment.` };
  }
  if (/ECONNRESET|EPIPE|Connection is closed|Stream isn't writeable|connection.*(closed|ended)/i.test(text)) {
    return { kind: 'closed', message: `The connection to ${where} was closed by the server or the network. It may need TLS, or a client certificate.` };
  }
  return { kind: 'unknown', message: `Redis at ${where} reported: ${text}` };
}

/** Remove anything that looks like a secret from a text before it is logged. */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text.replace(/(rediss?(?:\+sentinel)?:\/\/[^:@/\s]*:)[^@\s]+@/gi, '$1***@');
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}
