/** .redis-review.json validation and resolution, globs, bounded key patterns, and the shipped JSON Schema. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, TARGET_SERVERS, keyPatternCovered, matchesAnyGlob, resolveConfig, withRuleOverrides } from '../../../../src/core/config';
import { RULE_IDS } from '../../../../src/core/review';

const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'schemas', 'redis-review.schema.json'), 'utf8'));

describe('resolveConfig', () => {
  it('returns defaults for a missing file', () => {
    const { config, problems } = resolveConfig(undefined, RULE_IDS);
    expect(problems).toEqual([]);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('resolves rules, globs, bounded keys, cluster mode and fix defaults', () => {
    const { config, problems } = resolveConfig(
      { rules: { 'keys-command': 'warning', 'sort-command': 'off' }, ignore: ['generated/**'], boundedKeys: ['user:*:roles'], cluster: true, defaultTtlSeconds: 600, testFiles: ['qa/**'] },
      RULE_IDS,
    );
    expect(problems).toEqual([]);
    expect(config.rules).toEqual({ 'keys-command': 'warning', 'sort-command': 'off' });
    expect(config.cluster).toBe(true);
    expect(config.defaultTtlSeconds).toBe(600);
    expect(config.boundedKeys).toEqual(['user:*:roles']);
    expect(config.testFiles).toEqual(['qa/**']);
  });

  it('reports unknown rules, bad severities, unknown keys and wrong types without throwing', () => {
    const { problems, config } = resolveConfig({ rules: { 'keys-comand': 'error', 'sort-command': 'loud' }, colour: 'red', cluster: 'yes', defaultTtlSeconds: -5 }, RULE_IDS);
    expect(problems.map((p) => p.path).sort()).toEqual(['cluster', 'colour', 'defaultTtlSeconds', 'rules.keys-comand', 'rules.sort-command']);
    expect(config.defaultTtlSeconds).toBe(DEFAULT_CONFIG.defaultTtlSeconds);
    expect(resolveConfig([1, 2], RULE_IDS).problems).toHaveLength(1);
  });

  it('resolves the target server, defaulting to the oldest', () => {
    expect(resolveConfig({}, RULE_IDS).config.server).toBe('redis-7.0');
    const { config, problems } = resolveConfig({ server: 'valkey-8' }, RULE_IDS);
    expect(problems).toEqual([]);
    expect(config.server).toBe('valkey-8');
  });

  it('rejects an unknown target server with the accepted values and keeps the default', () => {
    const { config, problems } = resolveConfig({ server: 'redis-7.2' }, RULE_IDS);
    expect(config.server).toBe('redis-7.0');
    expect(problems).toEqual([{ path: 'server', message: 'unknown server "redis-7.2": use one of "redis-7.0", "redis-7.4", "valkey-8" (default "redis-7.0")' }]);
    expect(resolveConfig({ server: 7.4 }, RULE_IDS).problems[0]?.message).toMatch(/^unknown server 7\.4: use one of/);
  });

  it('applies --rule overrides on top of the file', () => {
    const { config } = resolveConfig({ rules: { 'keys-command': 'warning' } }, RULE_IDS);
    expect(withRuleOverrides(config, { 'keys-command': 'off' }).rules['keys-command']).toBe('off');
  });
});

describe('globs and key patterns', () => {
  it('matches folder globs at any depth and anchored paths', () => {
    expect(matchesAnyGlob('src/generated/a.ts', ['generated/**'])).toBe(false);
    expect(matchesAnyGlob('generated/a.ts', ['generated/**'])).toBe(true);
    expect(matchesAnyGlob('src/legacy/x.py', ['**/legacy/**'])).toBe(true);
    expect(matchesAnyGlob('a/b/c.min.js', ['*.min.js'])).toBe(true);
    expect(matchesAnyGlob('a/b/c.js', ['*.{py,ts}'])).toBe(false);
  });

  it('covers code key patterns with configured patterns', () => {
    expect(keyPatternCovered('user:*:roles', ['user:*:roles'])).toBe(true);
    expect(keyPatternCovered('user:*:roles', ['user:*'])).toBe(true);
    expect(keyPatternCovered('followers:*', ['user:*'])).toBe(false);
  });
});

describe('JSON Schema', () => {
  it('lists every rule id and every config setting', () => {
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...RULE_IDS].sort());
    expect(Object.keys(schema.properties).filter((k) => k !== '$schema').sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
  });

  it('offers exactly the target servers the validator accepts', () => {
    expect(schema.properties.server.enum).toEqual([...TARGET_SERVERS]);
    expect(schema.properties.server.default).toBe(DEFAULT_CONFIG.server);
  });
});
