/**
 * The Markdown "command card" shown when hovering a Redis call: summary, complexity, since, ACL categories,
 * notable flags, and which Redis version the data comes from (commands newer than that are marked).
 */
import { COMMAND_TABLE_SOURCE, lookupCommand, type CommandSpec } from '../commands/commandTable';

/** Flags worth a user's attention, in the order they are shown. */
const NOTABLE = ['write', 'blocking', 'admin', 'dangerous', 'pubsub'] as const;

/** The notable flags of a command, drawing on both COMMAND INFO flags and ACL categories. */
export function notableFlags(spec: CommandSpec): string[] {
  const present = new Set([...spec.flags, ...spec.aclCategories]);
  return NOTABLE.filter((flag) => present.has(flag));
}

/** Compares dotted versions numerically ("7.4.0" > "7.0.15"). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

function dataSource(): string {
  return `${COMMAND_TABLE_SOURCE.server} ${COMMAND_TABLE_SOURCE.version}`;
}

/** The card for a command spec. */
export function commandCardMarkdown(spec: CommandSpec): string {
  const title = spec.name.toUpperCase().replace('|', ' ');
  const lines = [`**${escapeMarkdown(title)}** — ${escapeMarkdown(spec.summary)}`, ''];
  if (spec.syntax && spec.syntax !== title) lines.push('```', spec.syntax, '```', '');
  if (spec.complexity) lines.push(`**Time complexity:** ${escapeMarkdown(spec.complexity)}`, '');
  const facts = [`**Since:** ${spec.since}`, `**Group:** ${spec.group.replace('_', ' ')}`];
  if (spec.deprecatedSince) {
    facts.push(`**Deprecated since:** ${spec.deprecatedSince}${spec.replacedBy ? ` (use ${escapeMarkdown(spec.replacedBy)})` : ''}`);
  }
  lines.push(facts.join(' · '), '');
  if (spec.aclCategories.length) lines.push(`**ACL categories:** ${spec.aclCategories.map((c) => `\`@${c}\``).join(' ')}`, '');
  const flags = notableFlags(spec);
  if (flags.length) lines.push(`**Flags:** ${flags.map((flag) => `\`${flag}\``).join(' ')}`, '');
  if (compareVersions(spec.since, COMMAND_TABLE_SOURCE.version) > 0) {
    lines.push(
      `_Newer than the command data (${dataSource()}): needs Redis ${spec.since} or later; older servers reply with an unknown-command error._`,
    );
  } else {
    lines.push(`_Command data from ${dataSource()} (COMMAND DOCS + COMMAND INFO)._`);
  }
  return lines.join('\n');
}

/**
 * The card for a command as written in code, e.g. ("CONFIG", "SET") or ("hgetall"); for names the table
 * does not know, a short note instead of silence.
 */
export function commandCardFor(name: string, firstArgument?: string): string {
  const spec = lookupCommand(name, firstArgument);
  if (spec) return commandCardMarkdown(spec);
  return `**${escapeMarkdown(name.toUpperCase())}** is not a command of ${dataSource()} or a known newer version: check the spelling or the server version you target.`;
}
