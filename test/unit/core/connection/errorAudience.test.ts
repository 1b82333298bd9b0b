/** The same failure, phrased for where the user can fix it: the editor's connection settings, or the CLI's URL. */
import { describe, expect, it } from 'vitest';
import { translateConnectionError, type ErrorContext } from '../../../../src/core/connection/errors';

const editor: ErrorContext = { topology: 'standalone', address: { host: '127.0.0.1', port: 6380 }, username: 'app', connectTimeoutMs: 5000, db: 42 };
const cli: ErrorContext = { ...editor, audience: 'cli' };
const EDITOR_ADVICE = /Edit the connection|TLS settings|from the connection|standalone connection/;

describe('error messages per audience', () => {
  it.each([
    ['WRONGPASS invalid username-password pair or user is disabled.', undefined],
    ['NOAUTH Authentication required.', undefined],
    ['ERR AUTH <password> called without any password configured for the default user.', undefined],
    ['unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ["Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['write EPROTO wrong version number', 'EPROTO'],
    ['ERR This instance has cluster support disabled', undefined],
    ['ERR DB index is out of range', undefined],
  ])('%s: the CLI wording points at the URL, never at editor settings', (message, code) => {
    const forCli = translateConnectionError({ message, code }, cli).message;
    expect(forCli).not.toMatch(EDITOR_ADVICE);
    expect(translateConnectionError({ message, code }, editor).kind).toBe(translateConnectionError({ message, code }, cli).kind);
  });

  it('names a refused database and how to pick another', () => {
    expect(translateConnectionError({ message: 'ERR DB index is out of range' }, editor)).toEqual({
      kind: 'database',
      message: '127.0.0.1:6380 refused database 42: its "databases" setting allows fewer (the default 16 means 0-15). Edit the connection and pick a database the server has.',
    });
    expect(translateConnectionError({ message: 'ERR DB index is out of range' }, cli).message).toMatch(/in the URL path \(redis:\/\/host:port\/0\)/);
    expect(translateConnectionError({ message: 'ERR SELECT is not allowed in cluster mode' }, cli).message).toMatch(/a Cluster has only database 0/);
  });
});
