/** The generator: every workload × mode produces files our own linter accepts without findings, with least-privilege ACLs. */
import { describe, expect, it } from 'vitest';
import { generateRedisConfig, lintRedisConf, MODES, SECRET_NAMES, TARGET_SERVERS, WORKLOADS, parseRedisConf, type GeneratorOptions } from '../../../../src/core/conf';

const secrets = Object.fromEntries(SECRET_NAMES.map((name, i) => [name, `${name}-${'x'.repeat(40)}-${i}`]));
const base = (extra: Partial<GeneratorOptions>): GeneratorOptions => ({ workload: 'cache', memory: 4 * 1024 ** 3, secrets, ...extra });

describe('redis.conf generator', () => {
  for (const server of TARGET_SERVERS) {
    for (const workload of WORKLOADS) {
      for (const mode of MODES) {
        it(`${server}: ${workload} × ${mode}: every config lints clean against that server's catalogue`, () => {
          const files = generateRedisConfig(base({ workload, mode, monitoring: true, backup: true, tls: mode === 'cluster', server }));
          const confs = files.filter((f) => f.path.endsWith('.conf'));
          expect(confs.length).toBeGreaterThan(0);
          for (const file of confs) {
            const findings = lintRedisConf(file.content, { fileName: file.path, server });
            expect(findings.map((f) => `${file.path}:${f.span.start.line + 1} ${f.ruleId} ${f.message}`)).toEqual([]);
          }
        });
      }
    }
  }

  it('writes the secrets file 0600 and only hashes in users.acl', () => {
    const files = generateRedisConfig(base({ workload: 'queue', mode: 'sentinel' }));
    const acl = files.find((f) => f.path === 'users.acl')!;
    const secretsFile = files.find((f) => f.path === 'secrets.env')!;
    expect(secretsFile.mode).toBe(0o600);
    expect(secretsFile.content).toContain(secrets.app);
    expect(acl.content).not.toContain(secrets.app);
    expect(acl.content).toMatch(/^user default off$/m);
    expect(acl.content).toMatch(/^user app on #[0-9a-f]{64} ~bull:\* .*-@dangerous/m);
    expect(files.filter((f) => f.path.startsWith('sentinel-'))).toHaveLength(3);
  });

  it('cluster mode writes one config per node and the create script', () => {
    const files = generateRedisConfig(base({ mode: 'cluster', masters: 3, replicas: 1 }));
    expect(files.filter((f) => /^redis-\d+\.conf$/.test(f.path))).toHaveLength(6);
    expect(files.find((f) => f.path === 'create-cluster.sh')?.mode).toBe(0o755);
  });

  it('tunes maxmemory and policy per workload', () => {
    const conf = (workload: GeneratorOptions['workload']) => {
      const parsed = parseRedisConf(generateRedisConfig(base({ workload }))[0].content);
      const get = (name: string) => parsed.directives.find((d) => d.name === name)?.args.map((a) => a.value).join(' ');
      return { maxmemory: get('maxmemory'), policy: get('maxmemory-policy'), appendonly: get('appendonly'), save: get('save') };
    };
    expect(conf('cache')).toEqual({ maxmemory: '3gb', policy: 'allkeys-lru', appendonly: 'no', save: '' });
    expect(conf('queue')).toMatchObject({ policy: 'noeviction', appendonly: 'yes' });
    expect(conf('primary')).toMatchObject({ maxmemory: '2gb', policy: 'noeviction', appendonly: 'yes' });
  });

  it('never emits directives Redis 7.0 rejects', () => {
    const all = WORKLOADS.flatMap((workload) => MODES.flatMap((mode) => generateRedisConfig(base({ workload, mode, tls: true })))).map((f) => f.content).join('\n');
    for (const banned of ['set-max-listpack', 'locale-collate', 'hide-user-data-from-log', 'max-new-connections-per-cycle', 'allkeys-lrm', 'activedefrag yes', 'ziplist']) {
      expect(all).not.toContain(banned);
    }
  });

  it('refuses weak secrets', () => {
    expect(() => generateRedisConfig({ ...base({}), secrets: { ...secrets, app: 'short' } })).toThrow(/32 characters/);
  });
});
