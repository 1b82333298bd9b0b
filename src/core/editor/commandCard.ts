/**
 * The Markdown "command card" shown when hovering a Redis call: summary, complexity, since, ACL categories,
 * notable flags, and where the data comes from. Pure: the caller hands in the command table.
 */
import type { CommandSpec, CommandTableData } from '../commands/commandSpec';

/** Commands added after the table's server version, so a hover can say "newer than your data" instead of nothing. */
export const NEWER_COMMANDS: Readonly<Record<string, { since: string; summary: string }>> = {
  waitaof: { since: '7.2.0', summary: 'Blocks until earlier writes are fsynced to the AOF of the local and/or replica servers' },
  hexpire: { since: '7.4.0', summary: 'Sets a time to live in seconds on hash fields' },
  hpexpire: { since: '7.4.0', summary: 'Sets a time to live in milliseconds on hash fields' },
  hexpireat: { since: '7.4.0', summary: 'Sets an expiry Unix time in seconds on hash fields' },
  hpexpireat: { since: '7.4.0', summary: 'Sets an expiry Unix time in milliseconds on hash fields' },
  httl: { since: '7.4.0', summary: 'Returns the remaining time to live of hash fields in seconds' },
  hpttl: { since: '7.4.0', summary: 'Returns the remaining time to live of hash fields in milliseconds' },
  hexpiretime: { since: '7.4.0', summary: 'Returns the expiry Unix time of hash fields in seconds' },
  hpexpiretime: { since: '7.4.0', summary: 'Returns the expiry Unix time of hash fields in milliseconds' },
  hpersist: { since: '7.4.0', summary: 'Removes the expiry of hash fields' },
  hgetdel: { since: '8.0.0', summary: 'Returns hash field values and deletes the fields' },
  hgetex: { since: '8.0.0', summary: 'Returns hash field values and optionally sets their expiry' },
  hsetex: { since: '8.0.0', summary: 'Sets hash fields with an optional expiry' },
  delex: { since: '8.4.0', summary: 'Deletes a key if its value matches a condition (compare-and-delete)' },
  digest: { since: '8.4.0', summary: "Returns a digest of a key's value" },
};

/** Flags worth a user's attention, in the order they are shown. */
const NOTABLE = ['write', 'blocking', 'admin', 'dangerous', 'pubsub'] as const;

/** The notable flags of a command, drawing on both COMMAND INFO flags and ACL categories. */
export function notableFlags(spec: CommandSpec): string[] {
  const present = new Set([...spec.flags, ...spec.aclCategories]);
  return NOTABLE.filter((flag) => present.has(flag));
}

/** Looks up a command ("hgetall", "CONFIG SET", "config|set") in the table, case-insensitively. */
export function findCommand(table: CommandTableData, name: string): CommandSpec | undefined {
  const normalized = name.trim().toLowerCase().replace(/\s+/g, '|');
  return table.commands[normalized] ?? table.commands[normalized.split('|')[0]];
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** The card for a command in the table. */
export function commandCardMarkdown(spec: CommandSpec, table: CommandTableData): string {
  const title = spec.name.toUpperCase().replace('|', ' ');
  const lines = [`**${escapeMarkdown(title)}** — ${escapeMarkdown(spec.summary)}`, '', '```', spec.syntax, '```', ''];
  if (spec.complexity) lines.push(`**Time complexity:** ${escapeMarkdown(spec.complexity)}`, '');
  const facts = [`**Since:** ${spec.since}`, `**Group:** ${spec.group}`];
  if (spec.deprecatedSince) {
    facts.push(`**Deprecated since:** ${spec.deprecatedSince}${spec.replacedBy ? ` (use ${escapeMarkdown(spec.replacedBy)})` : ''}`);
  }
  lines.push(facts.join(' · '), '');
  if (spec.aclCategories.length) lines.push(`**ACL categories:** ${spec.aclCategories.map((c) => `\`@${c}\``).join(' ')}`, '');
  const flags = notableFlags(spec);
  if (flags.length) lines.push(`**Flags:** ${flags.map((flag) => `\`${flag}\``).join(' ')}`, '');
  lines.push(`_Command data from ${table.source.server} ${table.source.version} (COMMAND DOCS + COMMAND INFO)._`);
  return lines.join('\n');
}

/** The card for a command the table does not know: a known newer command, or an unknown name. */
export function unknownCommandMarkdown(name: string, table: CommandTableData): string {
  const newer = NEWER_COMMANDS[name.toLowerCase()];
  const title = escapeMarkdown(name.toUpperCase());
  if (newer) {
    return `**${title}** — ${escapeMarkdown(newer.summary)}\n\n**Since:** ${newer.since} — newer than the command data (${table.source.server} ${table.source.version}); servers older than ${newer.since} reply with an unknown-command error.`;
  }
  return `**${title}** is not a command of ${table.source.server} ${table.source.version}: check the spelling or the server version you target.`;
}
