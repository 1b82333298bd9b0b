/** A file named redis.conf in another program's syntax is not linted as redis.conf; a broken redis.conf still is. */
import { describe, expect, it } from 'vitest';
import { lintRedisConf } from '../../../../src/core/conf';

describe('redis.conf files of other programs', () => {
  it('are not linted when no line names a Redis directive and the lines are name = value / blocks', () => {
    const rspamd = '# rspamd: local.d/redis.conf\nservers = "{{ REDIS_ADDRESS }}";\ntimeout = 5s;\nstatistics {\n  servers = "127.0.0.1";\n}\n';
    expect(lintRedisConf(rspamd, { fileName: 'redis.conf' })).toEqual([]);
  });

  it('are still linted when a line names a directive, even written with =', () => {
    const broken = 'maxmemory = 2gb\nmaxmemory-policy = allkeys-lru\n';
    expect(lintRedisConf(broken, { fileName: 'redis.conf' }).length).toBeGreaterThan(0);
    const mixed = 'servers = "127.0.0.1";\nport 6379\n';
    expect(lintRedisConf(mixed, { fileName: 'redis.conf' }).length).toBeGreaterThan(0);
  });

  it('leave plain unknown directives to the linter (a typo is not another format)', () => {
    const typo = 'maxmemroy 2gb\n';
    expect(lintRedisConf(typo, { fileName: 'redis.conf' }).map((finding) => finding.ruleId)).toContain('conf-unknown-directive');
  });
});
