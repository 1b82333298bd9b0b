/**
 * Typed lookup over the Redis command table generated from the real servers a project can target (see
 * scripts/gen-command-table.ts), including the Redis 8.x commands taken from the documentation.
 */
import type { CommandSpec, CommandTableData, TestedServer } from './commandSpec';
import generated from './commandTable.json';

export type { CommandSpec, KeySpec, TestedServer } from './commandSpec';

const table = generated as CommandTableData;

/** The servers the table was read from, oldest first (ids are the target ids of `.redis-review.json`). */
export const COMMAND_TABLE_SERVERS: readonly TestedServer[] = table.servers;

/** Where the `documented` (untested) entries come from. */
export const COMMAND_TABLE_DOCUMENTED_FROM = table.documentedFrom;

const byName = new Map<string, CommandSpec>(Object.entries(table.commands));

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
