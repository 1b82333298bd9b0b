import { describe, expect, it } from 'vitest';
import { commandSpec } from '../../../../src/core/commands/commandTable';
import { commandCardFor, commandCardMarkdown, compareVersions, notableFlags } from '../../../../src/core/editor/commandCard';

describe('command card', () => {
  it('shows summary, syntax, complexity, since, ACL categories and the data version for HGETALL', () => {
    const card = commandCardFor('HGETALL');
    expect(card).toContain('**HGETALL** — Get all the fields and values in a hash');
    expect(card).toContain('```\nHGETALL key\n```');
    expect(card).toContain('**Time complexity:** O(N) where N is the size of the hash.');
    expect(card).toContain('**Since:** 2.0.0');
    expect(card).toContain('`@read` `@hash` `@slow`');
    expect(card).toContain('Command data from redis-server 7.0.15');
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

  it('marks commands newer than the data and explains unknown names', () => {
    const card = commandCardFor('hexpire');
    expect(card).toContain('**Since:** 7.4.0');
    expect(card).toContain('Newer than the command data (redis-server 7.0.15): needs Redis 7.4.0 or later');
    expect(commandCardFor('hgetalll')).toContain('is not a command of redis-server 7.0.15');
  });

  it('compares versions numerically', () => {
    expect(compareVersions('7.4.0', '7.0.15')).toBeGreaterThan(0);
    expect(compareVersions('7.0.15', '7.0.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '2.0')).toBe(0);
    expect(compareVersions('1.0.0', '7.0.15')).toBeLessThan(0);
  });
});
