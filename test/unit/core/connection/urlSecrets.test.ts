/** Connection URL errors never quote the user name or password back, and a password may hold "/", "?", "#" or "@". */
import { describe, expect, it } from 'vitest';
import { ConnectionUrlError, parseConnectionUrl } from '../../../../src/core/connection/url';
import { profilesFromSettings } from '../../../../src/core/connection/settingsProfile';

function messageOf(url: string): string {
  try {
    parseConnectionUrl(url);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectionUrlError);
    return (error as Error).message;
  }
  throw new Error(`${url} parsed`);
}

describe('connection URL secrets', () => {
  it.each([
    'redis://user:TOPSECRET/pw@host:notaport',
    'redis://user:TOPSECRET@bad host',
    'redis://us%ZZer:TOPSECRET@host',
    'redis://user:TOP%ZZSECRET@host',
    'redis://TOPSECRET@host:0',
    'rediss+sentinel://user:TOPSECRET@s1:99999/mymaster',
  ])('does not echo credentials for %s', (url) => {
    const message = messageOf(url);
    expect(message).not.toMatch(/SECRET|us%ZZer/);
  });

  it('splits the credentials at the last "@", so unescaped "/", "?", "#" and "@" stay in the password', () => {
    expect(parseConnectionUrl('redis://user:TOP/SE?CR#ET@pw@cache:6380/2')).toMatchObject({ password: 'TOP/SE?CR#ET@pw', fields: { username: 'user', host: 'cache', port: 6380, db: 2 } });
  });

  it('refuses a settings entry whose URL holds a password with a slash, without echoing it', () => {
    const result = profilesFromSettings([{ name: 'x', url: 'redis://u:TOP/SECRET@h:6379' }]);
    expect(result.profiles).toEqual([]);
    expect(result.problems).toEqual([expect.stringContaining('the URL contains a password')]);
    expect(result.problems.join('\n')).not.toContain('SECRET');
  });
});
