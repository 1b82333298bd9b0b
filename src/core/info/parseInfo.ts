/** Pure parsing of the text that Redis INFO returns: sections of `field:value` lines, plus typed accessors. */

/** One INFO section ("server", "memory", "keyspace", ...) as raw string fields. */
export type InfoSection = Record<string, string>;

/** INFO parsed into sections keyed by lower-case section name ("# Server" → "server"). */
export type ParsedInfo = Record<string, InfoSection>;

/**
 * Parse INFO output. Lines before any "# Section" header (as in `INFO <one field>` replies of some proxies)
 * land in section "default". Values keep their text; use the helpers below for numbers.
 */
export function parseInfo(text: string): ParsedInfo {
  const result: ParsedInfo = {};
  let current = 'default';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      current = line.slice(1).trim().toLowerCase();
      result[current] ??= {};
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    (result[current] ??= {})[line.slice(0, colon)] = line.slice(colon + 1);
  }
  return result;
}

/** All fields of every section merged into one record (later sections win on a name clash, which INFO avoids). */
export function flattenInfo(info: ParsedInfo): InfoSection {
  return Object.assign({}, ...Object.values(info)) as InfoSection;
}

/** A numeric field, or undefined when absent or not a number. */
export function infoNumber(section: InfoSection | undefined, field: string): number | undefined {
  const raw = section?.[field];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Split a composite value such as "keys=10,expires=2,avg_ttl=0" into its parts. */
export function parseInfoPairs(value: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of value.split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) pairs[part.slice(0, equals)] = part.slice(equals + 1);
  }
  return pairs;
}

/**
 * Keys per logical database from the "keyspace" section ("db0:keys=10,expires=2,avg_ttl=0"; Redis 7.4 appends
 * ",subexpiry=N", Valkey 8 does not).
 */
export interface KeyspaceEntry {
  db: number;
  keys: number;
  expires: number;
  avgTtlMs: number;
  /** Redis 7.4+: hashes holding at least one field with a TTL (absent on servers that do not report it). */
  keysWithFieldTtls?: number;
}

export function parseKeyspace(section: InfoSection | undefined): KeyspaceEntry[] {
  const entries: KeyspaceEntry[] = [];
  for (const [name, value] of Object.entries(section ?? {})) {
    const match = /^db(\d+)$/.exec(name);
    if (!match) continue;
    const pairs = parseInfoPairs(value);
    entries.push({
      db: Number(match[1]),
      keys: Number(pairs.keys ?? 0),
      expires: Number(pairs.expires ?? 0),
      avgTtlMs: Number(pairs.avg_ttl ?? 0),
      ...(pairs.subexpiry !== undefined ? { keysWithFieldTtls: Number(pairs.subexpiry) } : {}),
    });
  }
  return entries.sort((a, b) => a.db - b.db);
}

/** Per-command statistics from the "commandstats" section ("cmdstat_get:calls=3,usec=..."). */
export interface CommandStat {
  /** Lower-case command name; subcommands as "config|set". */
  command: string;
  calls: number;
  usec: number;
  rejectedCalls: number;
  failedCalls: number;
}

export function parseCommandStats(section: InfoSection | undefined): CommandStat[] {
  const stats: CommandStat[] = [];
  for (const [name, value] of Object.entries(section ?? {})) {
    if (!name.startsWith('cmdstat_')) continue;
    const pairs = parseInfoPairs(value);
    stats.push({
      command: name.slice('cmdstat_'.length).toLowerCase(),
      calls: Number(pairs.calls ?? 0),
      usec: Number(pairs.usec ?? 0),
      rejectedCalls: Number(pairs.rejected_calls ?? 0),
      failedCalls: Number(pairs.failed_calls ?? 0),
    });
  }
  return stats;
}
