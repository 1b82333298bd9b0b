/** Connection URLs, profile validation and settings entries. */
import { describe, expect, it } from 'vitest';
import { newProfile, parseHostPort, describeProfile } from '../../../../src/core/connection/profile';
import { profilesFromSettings } from '../../../../src/core/connection/settingsProfile';
import { parseConnectionUrl, profileToUrl } from '../../../../src/core/connection/url';
import { validateProfile } from '../../../../src/core/connection/validation';

describe('parseConnectionUrl', () => {
  it('reads user, password, host, port and db; the password comes back separately', () => {
    const { fields, password } = parseConnectionUrl('redis://app:p%40ss@cache.local:6380/3');
    expect(fields).toMatchObject({ topology: 'standalone', host: 'cache.local', port: 6380, username: 'app', db: 3, passwordExpected: true });
    expect(password).toBe('p@ss');
    expect(JSON.stringify(fields)).not.toContain('p@ss');
  });

  it('treats redis://secret@host as a password-only URL and defaults port and db', () => {
    expect(parseConnectionUrl('redis://secret@h')).toMatchObject({ fields: { host: 'h', port: 6379, db: 0, username: undefined }, password: 'secret' });
  });

  it('turns rediss:// on TLS, with verification unless asked otherwise', () => {
    expect(parseConnectionUrl('rediss://h:6390').fields.tls).toEqual({ verify: true });
    expect(parseConnectionUrl('rediss://h:6390?verify=false&servername=redis.example').fields.tls).toEqual({ verify: false, servername: 'redis.example' });
  });

  it('reads Sentinel URLs with several sentinels and the master name', () => {
    const { fields } = parseConnectionUrl('redis+sentinel://s1,s2:26380/mymaster/2');
    expect(fields.topology).toBe('sentinel');
    expect(fields.sentinel).toEqual({ addresses: [{ host: 's1', port: 26379 }, { host: 's2', port: 26380 }], masterName: 'mymaster', tls: false });
    expect(fields.db).toBe(2);
    expect(() => parseConnectionUrl('redis+sentinel://s1')).toThrow(/names the master/);
  });

  it('reads several hosts in a redis:// URL as cluster seeds', () => {
    expect(parseConnectionUrl('redis://a:7000,b:7001').fields).toMatchObject({ topology: 'cluster', cluster: { seeds: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }] } });
  });

  it('handles IPv6 and rejects nonsense', () => {
    expect(parseConnectionUrl('redis://[::1]:6379').fields).toMatchObject({ host: '::1', port: 6379 });
    expect(() => parseConnectionUrl('http://x')).toThrow(/Unsupported scheme/);
    expect(() => parseConnectionUrl('localhost:6379')).toThrow(/starts with redis/);
    expect(() => parseConnectionUrl('redis://h:99999')).toThrow(/not a valid host:port/);
    expect(() => parseConnectionUrl('redis://h/x')).toThrow(/not a database number/);
  });

  it('round-trips to a URL without the password', () => {
    const { fields } = parseConnectionUrl('rediss://app:pw@h:6380/2');
    const url = profileToUrl(newProfile({ id: 'x', ...fields }));
    expect(url).toBe('rediss://app@h:6380/2');
    expect(profileToUrl(newProfile({ id: 'y', ...parseConnectionUrl('redis+sentinel://s1:1,s2:2/m').fields }))).toBe('redis+sentinel://s1:1,s2:2/m');
  });
});

describe('profiles', () => {
  it('parses host:port forms', () => {
    expect(parseHostPort('h', 1)).toEqual({ host: 'h', port: 1 });
    expect(parseHostPort('[fe80::1]:7', 1)).toEqual({ host: 'fe80::1', port: 7 });
    expect(parseHostPort('h:0', 1)).toBeUndefined();
    expect(parseHostPort('a b:1', 1)).toBeUndefined();
  });

  it('validates every field with a reason', () => {
    const bad = newProfile({ id: 'x', name: ' ', port: 70000, db: -1, delimiters: [], tls: { verify: true, certFile: '/c.pem' }, connectTimeoutMs: 5 });
    const fields = validateProfile(bad).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'host', 'db', 'delimiters', 'tls', 'connectTimeoutMs']));
    expect(validateProfile(newProfile({ id: 'ok' }))).toEqual([]);
    const cluster = newProfile({ id: 'c', topology: 'cluster', cluster: { seeds: [] }, db: 1 });
    expect(validateProfile(cluster).map((p) => p.field)).toEqual(['cluster.seeds', 'db']);
    const sentinel = newProfile({ id: 's', topology: 'sentinel', sentinel: { addresses: [{ host: 'h', port: 1 }], masterName: '', tls: false } });
    expect(validateProfile(sentinel).map((p) => p.field)).toEqual(['sentinel.masterName']);
  });

  it('describes a profile without secrets', () => {
    expect(describeProfile(newProfile({ id: 'x', host: 'h', port: 1, db: 2, username: 'u', readOnly: true, tls: { verify: true } }))).toBe('h:1 · db2 · TLS · user u · read-only');
  });
});

describe('profiles from settings', () => {
  it('builds profiles from url or fields, sentinel and cluster blocks', () => {
    const { profiles, problems } = profilesFromSettings([
      { name: 'local', url: 'redis://localhost:6379/1', readOnly: true },
      { name: 'sent', sentinel: { addresses: ['s1:26379', 's2'], masterName: 'mymaster' }, passwordRequired: true },
      { name: 'clu', cluster: { seeds: ['a:7000'], natMap: { '10.0.0.1:7000': 'localhost:17000' } }, tls: { caFile: '/ca.pem' } },
    ]);
    expect(problems).toEqual([]);
    expect(profiles.map((p) => [p.id, p.topology])).toEqual([['settings:local', 'standalone'], ['settings:sent', 'sentinel'], ['settings:clu', 'cluster']]);
    expect(profiles[0]).toMatchObject({ db: 1, readOnly: true });
    expect(profiles[1].sentinel?.addresses[1]).toEqual({ host: 's2', port: 26379 });
    expect(profiles[1].passwordExpected).toBe(true);
    expect(profiles[2].cluster?.natMap).toEqual({ '10.0.0.1:7000': { host: 'localhost', port: 17000 } });
    expect(profiles[2].tls).toMatchObject({ caFile: '/ca.pem', verify: true });
  });

  it('rejects entries with a password in the URL, duplicates and nonsense, naming the entry', () => {
    const { profiles, problems } = profilesFromSettings([{ name: 'a', url: 'redis://u:hunter2@h' }, { name: 'b' }, { name: 'b' }, 42, { url: 'redis://h' }]);
    expect(profiles.map((p) => p.name)).toEqual(['b']);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/entry 1 \(a\): the URL contains a password/);
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});
