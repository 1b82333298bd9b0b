/**
 * Typed lookup over the Redis command table generated from a real server (see scripts/gen-command-table.ts)
 * plus the hand-written list of commands added in later Redis versions.
 */
import type { CommandSpec, CommandTableData } from './commandSpec';
import generated from './commandTable.json';
import { NEWER_COMMANDS } from './newerCommands';

export type { CommandSpec, KeySpec } from './commandSpec';

const table = generated as CommandTableData;

/** The server the generated part of the table was read from, e.g. { version: "7.0.15" }. */
export const COMMAND_TABLE_SOURCE = table.source;

const byName = new Map<string, CommandSpec>(Object.entries(table.commands));
for (const newer of NEWER_COMMANDS) if (!byName.has(newer.name)) byName.set(newer.name, newer);

/** Every command and subcommand ("config|set") known to the table. */
export function allCommands(): CommandSpec[] {
  return [...byName.values()];
}

/** Exact lookup by table name ("get", "config|set"), case-insensitive. */
export function commandSpec(name: string): CommandSpec | undefined {
  return byName.get(name.toLowerCase());
}

/**
 * The most specific spec for a command as sent: for container commands ("CONFIG", "CLIENT", ...) the
 * subcommand named by the first argument, otherwise the command itself.
 */
export function lookupCommand(name: string, firstArgument?: string): CommandSpec | undefined {
  const lower = name.toLowerCase();
  const spec = byName.get(lower);
  if (firstArgument !== undefined && (spec?.subcommands.length || !spec)) {
    const sub = byName.get(`${lower}|${firstArgument.toLowerCase()}`);
    if (sub) return sub;
  }
  return spec;
}

/** True when the command is a container whose behaviour depends on its subcommand. */
export function hasSubcommands(name: string): boolean {
  return (byName.get(name.toLowerCase())?.subcommands.length ?? 0) > 0;
}
