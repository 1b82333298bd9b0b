import { describe, expect, it } from 'vitest';
import table from '../../../../src/core/commands/commandTable.json';
import type { CommandTableData } from '../../../../src/core/commands/commandSpec';
import { commandCardMarkdown, findCommand, notableFlags, unknownCommandMarkdown } from '../../../../src/core/editor/commandCard';

const data = table as unknown as CommandTableData;

describe('command card', () => {
  it('shows summary, complexity, since, ACL categories and the data version for HGETALL', () => {
    const spec = findCommand(data, 'HGETALL')!;
    const card = commandCardMarkdown(spec, data);
    expect(card).toContain('**HGETALL** — Get all the fields and values in a hash');
    expect(card).toContain('**Time complexity:** O(N) where N is the size of the hash.');
    expect(card).toContain('**Since:** 2.0.0');
    expect(card).toContain('`@read` `@hash` `@slow`');
    expect(card).toContain('redis-server 7.0.15');
    expect(card).not.toContain('**Flags:**');
  });

  it('names the dangerous, blocking and admin flags', () => {
    expect(notableFlags(findCommand(data, 'keys')!)).toEqual(['dangerous']);
    expect(notableFlags(findCommand(data, 'blpop')!)).toEqual(['write', 'blocking']);
    expect(notableFlags(findCommand(data, 'flushall')!)).toEqual(expect.arrayContaining(['write', 'dangerous']));
  });

  it('finds subcommands written with a space or a bar, falling back to the container', () => {
    expect(findCommand(data, 'CONFIG SET')!.name).toBe('config|set');
    expect(findCommand(data, 'config|get')!.name).toBe('config|get');
    expect(findCommand(data, 'client nosuchsub')!.name).toBe('client');
    expect(commandCardMarkdown(findCommand(data, 'config set')!, data)).toContain('`admin`');
  });

  it('explains commands newer than the data and unknown names', () => {
    expect(findCommand(data, 'hexpire')).toBeUndefined();
    expect(unknownCommandMarkdown('hexpire', data)).toContain('7.4.0');
    expect(unknownCommandMarkdown('hexpire', data)).toContain('newer than the command data (redis-server 7.0.15)');
    expect(unknownCommandMarkdown('hgetalll', data)).toContain('is not a command of redis-server 7.0.15');
  });
});
