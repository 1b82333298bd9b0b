/** Error translation: each raw failure becomes its specific, actionable message. */
import { describe, expect, it } from 'vitest';
import { redactSecrets, translateConnectionError, type ErrorContext } from '../../../../src/core/connection/errors';

const context: ErrorContext = { topology: 'standalone', address: { host: '10.0.0.5', port: 6380 }, username: 'app', connectTimeoutMs: 5000 };
const kind = (message: string, code?: string, ctx: ErrorContext = context) => translateConnectionError({ message, code }, ctx);

describe('translateConnectionError', () => {
  it.each([
    ['connect ECONNREFUSED 10.0.0.5:6380', 'ECONNREFUSED', 'refused', /Nothing accepts connections at 10\.0\.0\.5:6380/],
    ['connect ETIMEDOUT', 'ETIMEDOUT', 'timeout', /did not answer within 5 s/],
    ['getaddrinfo ENOTFOUND nohost', 'ENOTFOUND', 'dns', /cannot be resolved/],
    ['WRONGPASS invalid username-password pair or user is disabled.', undefined, 'auth', /Authentication failed for user "app"/],
    ['NOAUTH Authentication required.', undefined, 'noauth', /requires a password/],
    ["NOPERM this user has no permissions to run the 'info' command", undefined, 'noperm', /"app" is not allowed to run "INFO"/],
    ["NOPERM this user has no permissions to run the 'config|get' command", undefined, 'noperm', /run "CONFIG GET"/],
    ['NOPERM this user has no permissions to access one of the keys used as arguments', undefined, 'noperm', /may not access those keys/],
    ['unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-certificate', /not signed by a CA you trust/],
    ["Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID', 'tls-certificate', /servername/],
    ['certificate has expired', 'CERT_HAS_EXPIRED', 'tls-certificate', /expired/],
    ['write EPROTO ... wrong version number', 'EPROTO', 'tls-mismatch', /does not speak TLS/],
    ['TLS handshake got no answer: 10.0.0.5:6380 answers plain Redis (ERR_TLS_PLAIN_PORT)', 'ERR_TLS_PLAIN_PORT', 'tls-mismatch', /10\.0\.0\.5:6380 speaks plain Redis without TLS.*Turn TLS off/],
    ['SSL alert number 116: tlsv13 alert certificate required', 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tls-mismatch', /requires a client certificate/],
    ['CLUSTERDOWN The cluster is down', undefined, 'cluster-down', /cluster is down/],
    ['LOADING Redis is loading the dataset in memory', undefined, 'loading', /loading its dataset/],
    ['Unknown RESP type 72 "H"', undefined, 'not-redis', /does not speak the Redis protocol/],
  ])('%s → %s', (message, code, expectedKind, text) => {
    const result = kind(message, code);
    expect(result.kind).toBe(expectedKind);
    expect(result.message).toMatch(text);
  });

  it('names the master when Sentinel knows none, and tells unreachable sentinels apart', () => {
    const sentinel: ErrorContext = { ...context, topology: 'sentinel', masterName: 'orders' };
    const noMaster = kind('All sentinels are unreachable and retry is disabled. Last error: ERR No such master with that name', undefined, sentinel);
    expect(noMaster).toMatchObject({ kind: 'sentinel-no-master', message: expect.stringContaining('"orders"') });
    const unreachable = kind('All sentinels are unreachable and retry is disabled. Last error: Connection is closed.', undefined, sentinel);
    expect(unreachable).toMatchObject({ kind: 'sentinel-unreachable', message: expect.stringMatching(/None of the Sentinels \(10\.0\.0\.5:6380…\) answered/) });
  });

  it('falls back to the raw text for unknown errors', () => {
    expect(kind('ERR something odd')).toEqual({ kind: 'unknown', message: 'Redis at 10.0.0.5:6380 reported: ERR something odd' });
  });
});

describe('redactSecrets', () => {
  it('removes passwords from URLs and known secrets', () => {
    expect(redactSecrets('redis://app:hunter2@h:1 failed; rediss://:x@h', [])).toBe('redis://app:***@h:1 failed; rediss://:***@h');
    expect(redactSecrets('AUTH hunter2 failed', ['hunter2', undefined])).toBe('AUTH *** failed');
  });
});
