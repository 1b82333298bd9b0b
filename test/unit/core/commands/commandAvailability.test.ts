/** Which servers have which command: the per-server part of the command table and its wording. */
import { describe, expect, it } from 'vitest';
import { availabilitySummary, commandAvailability, commandOnServer, commandOnTarget, serverLabel, sinceOn } from '../../../../src/core/commands/commandAvailability';
import { COMMAND_TABLE_SERVERS, allCommands, commandSpec, lookupCommand } from '../../../../src/core/commands/commandTable';
import { TARGET_SERVERS } from '../../../../src/core/servers/targetServers';

const spec = (name: string) => {
  const found = commandSpec(name);
  if (!found) throw new Error(`${name} is not in the table`);
  return found;
};

describe('servers of the command table', () => {
  it('are exactly the target servers a project can name, oldest first, with their real versions', () => {
    expect(COMMAND_TABLE_SERVERS.map((server) => server.id)).toEqual([...TARGET_SERVERS]);
    expect(COMMAND_TABLE_SERVERS.map((server) => `${server.product} ${server.version}`)).toEqual(['redis 7.0.15', 'redis 7.4.1', 'valkey 8.0.1']);
    expect(COMMAND_TABLE_SERVERS.map(serverLabel)).toEqual(['Redis 7.0', 'Redis 7.4', 'Valkey 8.0']);
  });

  it('records per server only where the servers differ, aligned with the server list', () => {
    for (const command of allCommands()) if (command.on) expect(command.on, command.name).toHaveLength(COMMAND_TABLE_SERVERS.length);
    expect(spec('get').on).toBeUndefined();
  });
});

describe('commandOnServer', () => {
  it('has HEXPIRE on Redis 7.4 only', () => {
    expect(TARGET_SERVERS.map((id) => commandOnServer(spec('hexpire'), id))).toEqual([false, true, false]);
    expect(sinceOn(spec('hexpire'), 'redis-7.4')).toBe('7.4.0');
  });

  it('has CLIENT NO-TOUCH and WAITAOF from 7.2 on, so on Redis 7.4 and Valkey 8 but not Redis 7.0', () => {
    expect(TARGET_SERVERS.map((id) => commandOnServer(lookupCommand('client', 'no-touch')!, id))).toEqual([false, true, true]);
    expect(TARGET_SERVERS.map((id) => commandOnServer(spec('waitaof'), id))).toEqual([false, true, true]);
  });

  it('has CLUSTER SLOT-STATS on Valkey 8 (its own 8.0.0) and on no tested Redis', () => {
    const slotStats = lookupCommand('cluster', 'slot-stats')!;
    expect(commandAvailability(slotStats).map((entry) => entry.since)).toEqual([undefined, undefined, '8.0.0']);
    expect(slotStats.documented).toBe('8.2.0');
  });

  it('has old commands everywhere', () => {
    for (const name of ['get', 'hgetall', 'scan', 'config|set', 'getex']) expect(TARGET_SERVERS.every((id) => commandOnServer(spec(name), id)), name).toBe(true);
  });

  it('marks Redis 8 commands as documented and on no tested server', () => {
    const hgetex = spec('hgetex');
    expect(hgetex.documented).toBe('8.0.0');
    expect(TARGET_SERVERS.some((id) => commandOnServer(hgetex, id))).toBe(false);
    expect(hgetex.flags).toContain('write');
  });

  it('judges commands as sent for a target, and leaves module commands alone', () => {
    expect(commandOnTarget('redis-7.0', 'CLIENT', 'NO-TOUCH')).toBe(false);
    expect(commandOnTarget('redis-7.4', 'HEXPIRE')).toBe(true);
    expect(commandOnTarget('valkey-8', 'CLIENT', 'LIST')).toBe(true);
    expect(commandOnTarget('redis-7.4', 'JSON.SET')).toBeUndefined();
  });

  it('names an unknown server id in its error', () => {
    expect(() => commandOnServer(spec('get'), 'redis-6.2')).toThrow('The command table has no server "redis-6.2" (it has redis-7.0, redis-7.4, valkey-8)');
  });
});

describe('availabilitySummary', () => {
  it.each([
    ['hexpire', 'Redis 7.4+ · not in Valkey 8.0'],
    ['get', 'Redis 1.0+ · Valkey 8.0'],
    ['waitaof', 'Redis 7.2+ · Valkey 8.0'],
    ['hgetex', 'Redis 8.0+ (documented, not tested) · not in Valkey 8.0'],
    ['cluster|slot-stats', 'Redis 8.2+ (documented, not tested) · Valkey 8.0+'],
    ['client|capa', 'Valkey 8.0+ · not in Redis 7.0, 7.4'],
  ])('%s: %s', (name, expected) => expect(availabilitySummary(spec(name))).toBe(expected));
});

describe('module commands', () => {
  it('are in the table but judged on no target: whether a server has them depends on its modules', () => {
    const jsonSet = spec('json.set');
    expect(jsonSet.module).toBe('RedisJSON');
    for (const id of TARGET_SERVERS) {
      expect(commandOnTarget(id, 'JSON.MGET')).toBeUndefined();
      expect(commandOnTarget(id, 'JSON.DEBUG', 'MEMORY')).toBeUndefined();
      expect(commandOnServer(jsonSet, id)).toBe(true);
    }
    expect(availabilitySummary(spec('json.merge'))).toBe('RedisJSON 2.6+ (module: servers that load it, such as Redis Stack and Redis 8)');
  });
});
