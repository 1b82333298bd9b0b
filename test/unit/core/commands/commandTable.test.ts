/** The generated command table and the read-only policy built on it. */
import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE_SERVERS, allCommands, commandSpec, lookupCommand } from '../../../../src/core/commands/commandTable';
import { readOnlyVerdict } from '../../../../src/core/commands/readOnlyPolicy';

describe('command table', () => {
  it('records the servers it was generated from', () => {
    expect(COMMAND_TABLE_SERVERS.map((server) => server.version)).toEqual(['7.0.15', '7.4.1', '8.0.1']);
    expect(allCommands().length).toBeGreaterThan(350);
  });

  it('has docs, flags, ACL categories and key specs', () => {
    const set = commandSpec('SET')!;
    expect(set.summary).toMatch(/string value of a key/);
    expect(set.since).toBe('1.0.0');
    expect(set.group).toBe('string');
    expect(set.complexity).toBe('O(1)');
    expect(set.arity).toBe(-3);
    expect(set.flags).toContain('write');
    expect(set.aclCategories).toEqual(expect.arrayContaining(['write', 'string']));
    expect(set.keySpecs[0].beginSearch).toMatchObject({ type: 'index', index: 1 });
    expect(set.syntax).toMatch(/^SET key value \[NX \| XX\] \[GET\]/);
  });

  it('resolves subcommands of container commands', () => {
    expect(lookupCommand('config', 'SET')?.name).toBe('config|set');
    expect(lookupCommand('CONFIG', 'get')?.flags).not.toContain('write');
    expect(lookupCommand('get', 'somekey')?.name).toBe('get');
    expect(commandSpec('config')?.subcommands).toContain('config|set');
  });

  it('knows commands newer than 7.0 with their version, from the real 7.4 server', () => {
    expect(commandSpec('hexpire')).toMatchObject({ since: '7.4.0', group: 'hash' });
    expect(commandSpec('hexpire')?.flags).toContain('write');
    expect(commandSpec('hexpire')?.syntax).toMatch(/^HEXPIRE key seconds \[NX \| XX \| GT \| LT\] FIELDS numfields field \[field \.\.\.\]$/);
    expect(commandSpec('hexpire')?.documented).toBeUndefined();
    expect(commandSpec('waitaof')?.since).toBe('7.2.0');
    expect(commandSpec('client')?.subcommands).toEqual(expect.arrayContaining(['client|no-touch', 'client|setinfo']));
  });
});

describe('read-only policy', () => {
  const verdict = (name: string, first?: string) => {
    const spec = lookupCommand(name, first);
    return readOnlyVerdict(spec?.name ?? name.toLowerCase(), spec);
  };

  it.each([['set'], ['del'], ['unlink'], ['expire'], ['flushdb'], ['flushall'], ['eval'], ['evalsha'], ['fcall'], ['publish'], ['keys'], ['shutdown'], ['debug'], ['monitor'], ['swapdb']])(
    'refuses %s',
    (name) => expect(verdict(name).refused).toBe(true),
  );

  it('refuses dangerous subcommands and unknown commands', () => {
    expect(verdict('config', 'set').refused).toBe(true);
    expect(verdict('client', 'kill').refused).toBe(true);
    expect(verdict('script', 'flush').refused).toBe(true);
    expect(readOnlyVerdict('frobnicate', undefined)).toMatchObject({ refused: true, reason: expect.stringMatching(/not in the command table/) });
  });

  it.each([['get'], ['scan'], ['type'], ['pttl'], ['info'], ['hgetall'], ['xrange'], ['eval_ro'], ['ping'], ['hello'], ['select'], ['dbsize']])(
    'allows %s',
    (name) => expect(verdict(name).refused).toBe(false),
  );

  it('allows inspection subcommands', () => {
    for (const [name, sub] of [['config', 'get'], ['memory', 'usage'], ['slowlog', 'get'], ['cluster', 'nodes'], ['client', 'list']]) {
      expect(verdict(name, sub).refused, `${name} ${sub}`).toBe(false);
    }
  });
});

describe('RedisJSON commands', () => {
  const firstKeys = (name: string, args: string[]): string[] => {
    const { beginSearch, findKeys } = commandSpec(name)!.keySpecs[0];
    const argv = [name, ...args];
    const last = findKeys.lastKey! < 0 ? argv.length + findKeys.lastKey! : beginSearch.index! + findKeys.lastKey!;
    const keys: string[] = [];
    for (let i = beginSearch.index!; i <= last; i += findKeys.keyStep!) keys.push(argv[i]);
    return keys;
  };

  it('has every command users send through json() with its summary, complexity, flags and module', () => {
    const names = ['set', 'get', 'mget', 'mset', 'del', 'forget', 'type', 'strlen', 'strappend', 'numincrby', 'nummultby', 'arrappend', 'arrinsert', 'arrlen', 'arrpop', 'arrtrim', 'arrindex', 'objkeys', 'objlen', 'clear', 'toggle', 'merge', 'resp', 'debug|memory'];
    for (const name of names) {
      const spec = commandSpec(`json.${name}`);
      expect(spec, name).toBeDefined();
      expect(spec!.module).toBe('RedisJSON');
      expect(spec!.complexity, name).toMatch(/^O\(/);
      expect(spec!.summary.length).toBeGreaterThan(10);
      expect(spec!.keySpecs).toHaveLength(1);
    }
    expect(commandSpec('json.set')!.flags).toContain('write');
    expect(commandSpec('json.get')!.flags).toContain('readonly');
    expect(commandSpec('json.mset')!.since).toBe('2.6.0');
    expect(lookupCommand('JSON.DEBUG', 'memory')?.name).toBe('json.debug|memory');
  });

  it('places the keys of JSON.MGET before the path and of JSON.MSET first in each triplet', () => {
    expect(firstKeys('json.mget', ['a', 'b', 'c', '$'])).toEqual(['a', 'b', 'c']);
    expect(firstKeys('json.mset', ['a', '$', '1', 'b', '$.x', '2'])).toEqual(['a', 'b']);
    expect(firstKeys('json.set', ['a', '$', '{}'])).toEqual(['a']);
    expect(firstKeys('json.debug|memory', ['memory', 'a', '$'])).toEqual(['a']);
  });

  it('never proves a module command read-only', () => {
    expect(readOnlyVerdict('json.get', commandSpec('json.get')).refused).toBe(true);
    expect(readOnlyVerdict('json.get', commandSpec('json.get'))).toMatchObject({ reason: expect.stringMatching(/RedisJSON module command/) });
  });
});
