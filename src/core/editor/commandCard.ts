/**
 * The Markdown "command card" shown when hovering a Redis call: summary, complexity, which servers have it
 * (Redis 7.4+ · not in Valkey 8.0), ACL categories, notable flags, and which servers the data comes from
 * (commands known only from the Redis documentation are marked as not tested).
 */
import { availabilitySummary } from '../commands/commandAvailability';
import { COMMAND_TABLE_SERVERS, lookupCommand, type CommandSpec } from '../commands/commandTable';

export { compareVersions } from '../commands/versions';

/** Flags worth a user's attention, in the order they are shown. */
const NOTABLE = ['write', 'blocking', 'admin', 'dangerous', 'pubsub'] as const;

/** The notable flags of a command, drawing on both COMMAND INFO flags and ACL categories. */
export function notableFlags(spec: CommandSpec): string[] {
  const present = new Set([...spec.flags, ...spec.aclCategories]);
  return NOTABLE.filter((flag) => present.has(flag));
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1');
}

/** "Redis 7.0.15, Redis 7.4.1 and Valkey 8.0.1". */
function dataSource(): string {
  const names = COMMAND_TABLE_SERVERS.map((server) => `${server.product === 'redis' ? 'Redis' : 'Valkey'} ${server.version}`);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}

/** The card for a command spec. */
export function commandCardMarkdown(spec: CommandSpec): string {
  const title = spec.name.toUpperCase().replace('|', ' ');
  const lines = [`**${escapeMarkdown(title)}** — ${escapeMarkdown(spec.summary)}`, ''];
  if (spec.syntax && spec.syntax !== title) lines.push('```', spec.syntax, '```', '');
  if (spec.complexity) lines.push(`**Time complexity:** ${escapeMarkdown(spec.complexity)}`, '');
  const facts = [`**Available:** ${escapeMarkdown(availabilitySummary(spec))}`, `**Group:** ${spec.group.replace('_', ' ')}`];
  if (spec.deprecatedSince) {
    facts.push(`**Deprecated since:** ${spec.deprecatedSince}${spec.replacedBy ? ` (use ${escapeMarkdown(spec.replacedBy)})` : ''}`);
  }
  lines.push(facts.join(' · '), '');
  if (spec.aclCategories.length) lines.push(`**ACL categories:** ${spec.aclCategories.map((c) => `\`@${c}\``).join(' ')}`, '');
  const flags = notableFlags(spec);
  if (flags.length) lines.push(`**Flags:** ${flags.map((flag) => `\`${flag}\``).join(' ')}`, '');
  const tested = COMMAND_TABLE_SERVERS.length > 0 && (!spec.on || spec.on.some((since) => since !== ''));
  if (spec.module) {
    lines.push(`_From the ${spec.module} command reference, not tested on a real server; servers without the module reply with an unknown-command error._`);
  } else if (spec.documented && !tested) {
    lines.push(`_Known from the Redis ${spec.documented} documentation, not tested on a real server; servers without it reply with an unknown-command error._`);
  } else {
    lines.push(`_Command data from ${dataSource()} (COMMAND DOCS + COMMAND INFO)${spec.documented ? `; Redis ${spec.documented} from its documentation` : ''}._`);
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
  return `**${escapeMarkdown(name.toUpperCase())}** is not a command of ${dataSource()} or of the Redis 8 documentation: check the spelling, or it may come from a module.`;
}
