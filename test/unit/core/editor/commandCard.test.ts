import { describe, expect, it } from 'vitest';
import { commandSpec } from '../../../../src/core/commands/commandTable';
import { commandCardFor, commandCardMarkdown, compareVersions, notableFlags } from '../../../../src/core/editor/commandCard';

describe('command card', () => {
  it('shows summary, syntax, complexity, since, ACL categories and the data version for HGETALL', () => {
    const card = commandCardFor('HGETALL');
    expect(card).toContain('**HGETALL** — Get all the fields and values in a hash');
    expect(card).toContain('```\nHGETALL key\n```');
    expect(card).toContain('**Time complexity:** O(N) where N is the size of the hash.');
    expect(card).toContain('**Available:** Redis 2.0+ · Valkey 8.0');
    expect(card).toContain('`@read` `@hash` `@slow`');
    expect(card).toContain('Command data from Redis 7.0.15, Redis 7.4.1 and Valkey 8.0.1 (COMMAND DOCS + COMMAND INFO)');
    expect(card).not.toContain('**Flags:**');
  });

  it('names the dangerous, blocking, write and admin flags', () => {
    expect(notableFlags(commandSpec('keys')!)).toEqual(['dangerous']);
    expect(notableFlags(commandSpec('blpop')!)).toEqual(['write', 'blocking']);
    expect(notableFlags(commandSpec('flushall')!)).toEqual(expect.arrayContaining(['write', 'dangerous']));
    expect(commandCardMarkdown(commandSpec('keys')!)).toContain('**Flags:** `dangerous`');
  });

  it('resolves container commands to the subcommand given as first argument', () => {
    const card = commandCardFor('CONFIG', 'set');
    expect(card).toContain('**CONFIG SET**');
    expect(card).toContain('`admin`');
  });

  it('says which servers have a command, marking what only the Redis documentation says', () => {
    expect(commandCardFor('hexpire')).toContain('**Available:** Redis 7.4+ · not in Valkey 8.0');
    expect(commandCardFor('CLIENT', 'NO-TOUCH')).toContain('**Available:** Redis 7.2+ · Valkey 8.0');
    const hgetex = commandCardFor('hgetex');
    expect(hgetex).toContain('**Available:** Redis 8.0+ (documented, not tested) · not in Valkey 8.0');
    expect(hgetex).toContain('Known from the Redis 8.0.0 documentation, not tested on a real server');
    const slotStats = commandCardFor('CLUSTER', 'SLOT-STATS');
    expect(slotStats).toContain('**Available:** Redis 8.2+ (documented, not tested) · Valkey 8.0+');
    expect(slotStats).toContain('Redis 8.2.0 from its documentation');
  });

  it('explains names no server knows', () => {
    expect(commandCardFor('hgetalll')).toContain('is not a command of Redis 7.0.15, Redis 7.4.1 and Valkey 8.0.1 or of the Redis 8 documentation');
  });

  it('compares versions numerically', () => {
    expect(compareVersions('7.4.0', '7.0.15')).toBeGreaterThan(0);
    expect(compareVersions('7.0.15', '7.0.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '2.0')).toBe(0);
    expect(compareVersions('1.0.0', '7.0.15')).toBeLessThan(0);
  });
});

describe('command card of a module command', () => {
  it('names RedisJSON as the source and its version, not the tested servers', () => {
    const card = commandCardFor('JSON.MSET');
    expect(card).toContain('**JSON.MSET** — Set JSON values at paths of several keys atomically');
    expect(card).toContain('**Available:** RedisJSON 2.6+ (module: servers that load it, such as Redis Stack and Redis 8)');
    expect(card).toContain('From the RedisJSON command reference, not tested on a real server');
    expect(card).not.toContain('COMMAND DOCS');
    expect(commandCardFor('JSON.DEBUG', 'MEMORY')).toContain('**JSON.DEBUG MEMORY**');
    expect(commandCardFor('json.numincrby')).toContain('**Time complexity:** O(1) per matching value');
  });
});
