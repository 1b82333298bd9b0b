/** The redis.conf linter judges a file against its target server's catalogue: Valkey-only, 7.4-only and renamed directives. */
import { describe, expect, it } from 'vitest';
import { allDirectives, catalogueSource, CONF_RULES, directiveInfo, lintRedisConf, nameOnServer, serversKnowing, TARGET_SERVERS, type TargetServer } from '../../../../src/core/conf';

/** Rules about what the server accepts (syntax and version); the fragments here are not whole deployments. */
const ACCEPTANCE_RULES = new Set(CONF_RULES.filter((rule) => rule.category === 'syntax' || rule.category === 'version' || rule.id === 'sentinel-invalid-option').map((rule) => rule.id));

function findings(text: string, server: TargetServer | undefined, fileName = 'redis.conf') {
  return lintRedisConf(text, { fileName, server }).filter((finding) => ACCEPTANCE_RULES.has(finding.ruleId));
}

function applyFixes(text: string, fixes: Array<{ edits: Array<{ startOffset: number; endOffset: number; newText: string }> }>): string {
  let out = text;
  for (const edit of [...fixes[0].edits].sort((a, b) => b.startOffset - a.startOffset)) out = out.slice(0, edit.startOffset) + edit.newText + out.slice(edit.endOffset);
  return out;
}

describe('catalogues generated from the three binaries', () => {
  it('record the build they were read from and the defaults that differ between servers', () => {
    expect(catalogueSource('redis-7.0')).toEqual({ product: 'redis', version: '7.0.15' });
    expect(catalogueSource('redis-7.4')).toEqual({ product: 'redis', version: '7.4.1' });
    expect(catalogueSource('valkey-8')).toEqual({ product: 'valkey', version: '8.0.1' });
    // Valkey 8 turned lazy freeing on by default and enlarged the backlog; Redis kept 7.0's values.
    expect(directiveInfo('lazyfree-lazy-eviction', 'redis-7.4')?.default).toBe('no');
    expect(directiveInfo('lazyfree-lazy-eviction', 'valkey-8')?.default).toBe('yes');
    expect(directiveInfo('repl-backlog-size', 'valkey-8')?.default).toBe('10485760');
    expect(directiveInfo('loglevel', 'redis-7.0')?.values).not.toContain('nothing');
    expect(directiveInfo('loglevel', 'redis-7.4')?.values).toContain('nothing');
  });

  it('know the aliases each server accepts, with its canonical name', () => {
    expect(directiveInfo('slaveof', 'redis-7.0')?.aliasOf).toBe('replicaof');
    expect(directiveInfo('masterauth', 'redis-7.4')?.aliasOf).toBeUndefined();
    expect(directiveInfo('masterauth', 'valkey-8')?.aliasOf).toBe('primaryauth');
    expect(directiveInfo('masteruser', 'valkey-8')?.aliasOf).toBe('primaryuser');
    expect(directiveInfo('primaryauth', 'redis-7.4')).toBeUndefined();
    expect(nameOnServer('primaryauth', 'redis-7.0')).toBe('masterauth');
    expect(nameOnServer('masterauth', 'valkey-8')).toBe('primaryauth');
    expect(nameOnServer('cluster-slot-stats-enabled', 'redis-7.4')).toBeUndefined();
  });

  it('grow from 7.0 to 7.4 to Valkey 8 without losing a directive name', () => {
    const names = (server: TargetServer) => new Set(allDirectives(server).map((info) => info.name));
    for (const [older, newer] of [['redis-7.0', 'redis-7.4'], ['redis-7.4', 'valkey-8']] as const) {
      expect([...names(older)].filter((name) => !names(newer).has(name))).toEqual([]);
    }
    expect(serversKnowing('set-max-listpack-entries')).toEqual(['redis-7.4', 'valkey-8']);
    expect(serversKnowing('cluster-slot-stats-enabled')).toEqual(['valkey-8']);
    expect(serversKnowing('maxmemory')).toEqual([...TARGET_SERVERS]);
  });
});

describe('linting for a target server', () => {
  it('a Valkey-only directive lints clean for valkey-8 and is flagged for redis-7.0, naming the servers that know it', () => {
    const text = 'cluster-slot-stats-enabled yes\n';
    expect(findings(text, 'valkey-8')).toEqual([]);
    const flagged = findings(text, 'redis-7.0');
    expect(flagged.map((f) => f.ruleId)).toEqual(['conf-unsupported-version']);
    expect(flagged[0].severity).toBe('error');
    expect(flagged[0].message).toBe('"cluster-slot-stats-enabled" is not accepted by Redis 7.0 (known to Valkey 8.0); Redis 7.0 refuses to start with it.');
    expect(applyFixes(text, flagged[0].fixes!)).toBe('');
  });

  it('a directive added in 7.2/7.4 is flagged for 7.0 only', () => {
    const text = 'hide-user-data-from-log yes\nset-max-listpack-entries 256\n';
    const flagged = findings(text, 'redis-7.0');
    expect(flagged.map((f) => f.message)).toEqual([
      '"hide-user-data-from-log" is not accepted by Redis 7.0 (known to Redis 7.4, Valkey 8.0); Redis 7.0 refuses to start with it.',
      '"set-max-listpack-entries" is not accepted by Redis 7.0 (known to Redis 7.4, Valkey 8.0); Redis 7.0 refuses to start with it.',
    ]);
    expect(findings(text, 'redis-7.4')).toEqual([]);
    expect(findings(text, 'valkey-8')).toEqual([]);
  });

  it('a directive Valkey renamed: the Valkey name on Redis is translated, the Redis name on Valkey is an old alias', () => {
    const onRedis = findings('primaryauth s3cret-s3cret-s3cret-s3cret\n', 'redis-7.4');
    expect(onRedis.map((f) => f.ruleId)).toEqual(['conf-unsupported-version']);
    expect(onRedis[0].message).toBe('"primaryauth" is not accepted by Redis 7.4 (known to Valkey 8.0): Redis 7.4 calls it "masterauth".');
    expect(onRedis[0].fixes![0].safe).toBe(true);
    expect(applyFixes('primaryauth s3cret-s3cret-s3cret-s3cret\n', onRedis[0].fixes!)).toBe('masterauth s3cret-s3cret-s3cret-s3cret\n');

    const onValkey = findings('masteruser replica\n', 'valkey-8');
    expect(onValkey.map((f) => [f.ruleId, f.severity, f.message])).toEqual([['conf-deprecated-alias', 'info', '"masteruser" is an old name of "primaryuser" on Valkey 8.0.']]);
    expect(findings('masteruser replica\n', 'redis-7.0')).toEqual([]);
  });

  it("rules read the target's name of an option whichever name the file uses", () => {
    // conf-masterauth-missing asks for masterauth: a Valkey file that sets primaryauth satisfies it.
    const header = '# redis-review: workload=cache mode=replica replicas=1\nrequirepass a-long-and-random-password-1234\n';
    const missing = (text: string, server: TargetServer) => lintRedisConf(text, { server }).some((f) => f.ruleId === 'conf-masterauth-missing');
    expect(missing(header, 'valkey-8')).toBe(true);
    expect(lintRedisConf(header, { server: 'valkey-8' }).find((f) => f.ruleId === 'conf-masterauth-missing')?.message).toContain('has no primaryauth');
    expect(missing(`${header}primaryauth a-long-and-random-password-5678\n`, 'valkey-8')).toBe(false);
    expect(missing(`${header}masterauth a-long-and-random-password-5678\n`, 'redis-7.0')).toBe(false);
    // conf-weak-password checks masterauth under whichever name the file writes, and says that name.
    const weak = lintRedisConf('primaryauth 123\n', { server: 'valkey-8' }).filter((f) => f.ruleId === 'conf-weak-password');
    expect(weak.map((f) => f.message)).toEqual(['primaryauth is only 3 characters; use a random secret of at least 32.']);
  });

  it('a typo unknown to every server stays conf-unknown-directive, suggesting a name of the target', () => {
    const flagged = findings('primaryauht x\n', 'valkey-8');
    expect(flagged.map((f) => [f.ruleId, f.message])).toEqual([['conf-unknown-directive', 'Unknown directive "primaryauht"; did you mean "primaryauth"? The server will refuse to start.']]);
  });

  it('valkey.conf defaults to Valkey 8 and redis.conf to Redis 7.0 when no server is given; a given server wins', () => {
    const text = 'availability-zone eu-west-1a\n';
    expect(findings(text, undefined, 'valkey.conf')).toEqual([]);
    expect(findings(text, undefined, 'deploy/valkey-6380.conf')).toEqual([]);
    expect(findings(text, undefined, 'redis.conf').map((f) => f.ruleId)).toEqual(['conf-unsupported-version']);
    expect(findings(text, 'redis-7.4', 'valkey.conf').map((f) => f.ruleId)).toEqual(['conf-unsupported-version']);
  });

  it("Sentinel options: Valkey's primary-reboot-down-after-period is refused by Redis Sentinel with the Redis name as fix", () => {
    const text = 'sentinel monitor main 10.0.0.5 6379 2\nsentinel primary-reboot-down-after-period main 5000\n';
    const ids = (server: TargetServer) => findings(text, server, 'sentinel.conf').filter((f) => f.ruleId === 'sentinel-invalid-option');
    expect(ids('valkey-8')).toEqual([]);
    const flagged = ids('redis-7.4');
    expect(flagged.map((f) => f.message)).toEqual(['sentinel primary-reboot-down-after-period is not accepted by the Sentinel of Redis 7.4 (known to Valkey 8.0); Redis 7.4 calls it "master-reboot-down-after-period".']);
    expect(findings(applyFixes(text, flagged[0].fixes!), 'redis-7.4', 'sentinel.conf').filter((f) => f.ruleId === 'sentinel-invalid-option')).toEqual([]);
  });

  it('an enum value of a release newer than every tested build names that release', () => {
    const flagged = findings('maxmemory-policy allkeys-lrm\n', 'valkey-8').filter((f) => f.ruleId === 'conf-unsupported-version');
    expect(flagged.map((f) => f.message)).toEqual(['"allkeys-lrm" needs Redis 8.6 or later; Valkey 8.0 rejects it.']);
  });

  it('I/O threads with TLS are flagged on Redis 7.x, not on Valkey 8 (which offloads TLS connections too)', () => {
    const text = 'io-threads 4\ntls-port 6380\n';
    const io = (server: TargetServer) => lintRedisConf(text, { server }).filter((f) => f.ruleId === 'conf-io-threads-oversized').length;
    expect(io('redis-7.4')).toBe(1);
    expect(io('valkey-8')).toBe(0);
  });
});
