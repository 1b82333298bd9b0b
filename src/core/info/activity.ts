/** Pure parsing of CLIENT LIST text and SLOWLOG GET replies, and ranking of INFO commandstats. */
import type { ClientRow, CommandStatRow, SlowlogEntry } from '../../shared/protocol';
import type { CommandStat } from './parseInfo';
import { displayKey } from '../keys/keyBytes';

/** CLIENT LIST: one client per line of space-separated `name=value` fields. */
export function parseClientList(node: string, text: string): ClientRow[] {
  const rows: ClientRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const fields: Record<string, string> = {};
    for (const part of line.trim().split(' ')) {
      const equals = part.indexOf('=');
      if (equals > 0) fields[part.slice(0, equals)] = part.slice(equals + 1);
    }
    rows.push({
      node,
      id: fields.id ?? '',
      addr: fields.addr ?? '',
      name: fields.name ?? '',
      ageSeconds: Number(fields.age ?? 0),
      idleSeconds: Number(fields.idle ?? 0),
      db: Number(fields.db ?? 0),
      cmd: fields.cmd ?? '',
      flags: fields.flags ?? '',
      totalMemory: Number(fields['tot-mem'] ?? 0),
    });
  }
  return rows;
}

const utf8 = new TextDecoder();
const text = (value: unknown): string => (value === null || value === undefined ? '' : value instanceof Uint8Array ? utf8.decode(value) : String(value));
/** A command argument as the Keys tab shows key names: binary bytes escaped (bin:\xff), never U+FFFD. */
const argument = (value: unknown): string => (value instanceof Uint8Array ? displayKey(value) : text(value));

/**
 * SLOWLOG GET: [id, unix time, micros, [args...], client addr, client name] per entry (addr/name since 4.0).
 * Read it as bytes (callBuffer): arguments are shown with displayKey, so binary key names stay readable.
 */
export function parseSlowlog(node: string, reply: unknown[]): SlowlogEntry[] {
  return reply
    .filter((entry): entry is unknown[] => Array.isArray(entry) && entry.length >= 4)
    .map((entry) => ({
      node,
      id: Number(text(entry[0])),
      timestamp: Number(text(entry[1])),
      durationMicros: Number(text(entry[2])),
      args: Array.isArray(entry[3]) ? entry[3].map(argument) : [],
      clientAddress: text(entry[4]),
      clientName: text(entry[5]),
    }));
}

/** Merge per-node commandstats (a Cluster sums its masters) and sort by total time spent, most first. */
export function rankCommands(perNode: CommandStat[][]): CommandStatRow[] {
  const merged = new Map<string, { calls: number; usec: number }>();
  for (const stats of perNode) {
    for (const stat of stats) {
      const entry = merged.get(stat.command) ?? { calls: 0, usec: 0 };
      entry.calls += stat.calls;
      entry.usec += stat.usec;
      merged.set(stat.command, entry);
    }
  }
  return [...merged]
    .map(([command, { calls, usec }]) => ({ command, calls, usec, usecPerCall: calls === 0 ? 0 : usec / calls }))
    .sort((a, b) => b.usec - a.usec || a.command.localeCompare(b.command));
}
