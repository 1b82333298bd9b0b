/**
 * Quick fixes are offered only where the project's target server can run what they write: a fix that sends
 * HEXPIRE is kept for Redis 7.4 and dropped for Redis 7.0 and Valkey 8.0, which reply "unknown command".
 */
import type { Fix } from '../findings';
import { commandOnServer } from './commandAvailability';
import { lookupCommand } from './commandTable';

/** Whether the server has the command ("HEXPIRE", or a subcommand spelled "CLIENT NO-TOUCH"). */
function serverHas(command: string, serverId: string): boolean {
  const [name, sub] = command.split(/\s+/);
  const spec = lookupCommand(name, sub);
  // A command the table does not know (a module's) is not judged, as command-not-on-target does not judge it.
  return !spec || commandOnServer(spec, serverId);
}

/** The fixes whose commands the target server has; undefined when none is left. */
export function fixesOnTarget(fixes: readonly Fix[] | undefined, serverId: string): Fix[] | undefined {
  if (!fixes) return undefined;
  if (!fixes.some((candidate) => candidate.needs?.length)) return fixes as Fix[];
  const kept = fixes.filter((candidate) => (candidate.needs ?? []).every((command) => serverHas(command, serverId)));
  return kept.length ? kept : undefined;
}
