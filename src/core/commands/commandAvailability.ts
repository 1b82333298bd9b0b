/**
 * Which servers have a command: queries over the per-server part of the command table, and the wording hovers
 * and command-not-on-target use ("Redis 7.4+ · not in Valkey 8.0").
 */
import { COMMAND_TABLE_SERVERS, lookupCommand, type CommandSpec, type TestedServer } from './commandTable';
import { compareVersions } from './versions';

/** Valkey's own version history starts at 8.0 (its 7.2 releases are Redis 7.2.4 renamed). */
const VALKEY_OWN_HISTORY = '8.0.0';

export interface ServerAvailability {
  server: TestedServer;
  /** `since` as that server reports it; undefined when the server lacks the command. */
  since?: string;
}

function serverIndex(serverId: string): number {
  const index = COMMAND_TABLE_SERVERS.findIndex((server) => server.id === serverId);
  if (index < 0) throw new Error(`The command table has no server "${serverId}" (it has ${COMMAND_TABLE_SERVERS.map((server) => server.id).join(', ')})`);
  return index;
}

/** `since` on one tested server, or undefined when that server lacks the command. */
export function sinceOn(spec: CommandSpec, serverId: string): string | undefined {
  const index = serverIndex(serverId);
  if (!spec.on) return spec.since;
  return spec.on[index] || undefined;
}

/** True when the tested server (a target id such as "redis-7.4") has the command. */
export function commandOnServer(spec: CommandSpec, serverId: string): boolean {
  // Whether a server has a module's command depends on the modules it loads, not on its version: not judged.
  if (spec.module) return true;
  return sinceOn(spec, serverId) !== undefined;
}

/** Every tested server with the command's `since` there (undefined where it is missing), oldest first. */
export function commandAvailability(spec: CommandSpec): ServerAvailability[] {
  return COMMAND_TABLE_SERVERS.map((server) => ({ server, since: sinceOn(spec, server.id) }));
}

function majorMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

function productName(server: TestedServer): string {
  return server.product === 'redis' ? 'Redis' : 'Valkey';
}

/** "Redis 7.4", "Valkey 8.0": a tested server as users name it. */
export function serverLabel(server: TestedServer): string {
  return `${productName(server)} ${majorMinor(server.version)}`;
}

/**
 * One line saying where the command exists: "Redis 7.4+ · not in Valkey 8.0", "Redis 1.0+ · Valkey 8.0",
 * "Redis 8.0+ (documented, not tested) · not in Valkey 8.0", "Valkey 8.0+ · not in Redis 7.0, 7.4" (CLIENT CAPA).
 */
export function availabilitySummary(spec: CommandSpec): string {
  if (spec.module) return `${spec.module} ${majorMinor(spec.since)}+ (module: servers that load it, such as Redis Stack and Redis 8)`;
  const parts: string[] = [];
  const availability = commandAvailability(spec);
  for (const product of ['redis', 'valkey'] as const) {
    const servers = availability.filter((entry) => entry.server.product === product);
    if (servers.length === 0) continue;
    const having = servers.filter((entry) => entry.since !== undefined);
    const name = product === 'redis' ? 'Redis' : 'Valkey';
    if (having.length > 0) {
      const since = having[0].since!;
      const ownHistory = product === 'redis' || compareVersions(since, VALKEY_OWN_HISTORY) >= 0;
      parts.push(ownHistory ? `${name} ${majorMinor(since)}+` : `${name} ${servers.map((entry) => majorMinor(entry.server.version)).join(', ')}`);
      // A tested server newer than the first one that has it but lacking it: the command was removed there.
      const removed = servers.filter((entry) => entry.since === undefined && compareVersions(entry.server.version, having[0].server.version) > 0);
      if (removed.length) parts.push(`not in ${name} ${removed.map((entry) => majorMinor(entry.server.version)).join(', ')}`);
    } else if (product === 'redis' && spec.documented) {
      parts.push(`Redis ${majorMinor(spec.documented)}+ (documented, not tested)`);
    } else {
      parts.push(`not in ${name} ${servers.map((entry) => majorMinor(entry.server.version)).join(', ')}`);
    }
  }
  // What the command is on first, then where it is missing.
  const missing = parts.filter((part) => part.startsWith('not in '));
  return [...parts.filter((part) => !part.startsWith('not in ')), ...missing].join(' · ');
}

/**
 * Whether a target server has a command as sent ("HEXPIRE"; "CLIENT", "NO-TOUCH"): for rules and quick fixes
 * that suggest a newer command only where the project's server has it. Undefined when no server knows the
 * command or the command is a module's (JSON.SET): there is nothing to judge.
 */
export function commandOnTarget(serverId: string, name: string, firstArgument?: string): boolean | undefined {
  const spec = lookupCommand(name, firstArgument);
  return spec && !spec.module ? commandOnServer(spec, serverId) : undefined;
}
