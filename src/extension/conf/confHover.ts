/** Hover on a directive name: description, type, default, allowed values and version. */
import * as vscode from 'vscode';
import { directiveInfo, sentinelSubcommands, supportedIn } from '../../core/conf';
import { readConfSettings } from './confSettings';

export function directiveMarkdown(name: string, targetVersion: string): vscode.MarkdownString | undefined {
  const info = directiveInfo(name);
  if (!info) return undefined;
  const lines = [`**${info.name}** — ${info.description}`, ''];
  const type = info.type === 'integer' && info.min !== undefined ? `integer ${info.min}…${info.max}` : info.type;
  lines.push(`- Type: \`${type}\`${info.mutable ? '' : ' (not changeable with CONFIG SET)'}`);
  if (!info.fileOnly) lines.push(`- Default: \`${info.default === '' ? '""' : info.default}\``);
  if (info.values?.length) lines.push(`- Values: ${info.values.map((v) => `\`${v}\`${info.laterValues?.[v] ? ` (${info.laterValues[v]}+)` : ''}`).join(', ')}`);
  if (info.aliasOf) lines.push(`- Old name of \`${info.aliasOf}\``);
  lines.push(`- Version: ${info.since ? `Redis ${info.since}+` : 'Redis 7.0 (baseline)'}${supportedIn(info, targetVersion) ? '' : ` — **not accepted by the target ${targetVersion}**`}`);
  if (info.name === 'sentinel') lines.push('', `Options: ${sentinelSubcommands().filter((s) => !s.state).map((s) => `\`${s.name}\``).join(', ')}`);
  return new vscode.MarkdownString(lines.join('\n'));
}

export const confHoverProvider: vscode.HoverProvider = {
  provideHover(document, position) {
    const line = document.lineAt(position.line).text;
    const match = /^\s*([A-Za-z][\w-]*)/.exec(line);
    if (!match) return undefined;
    const start = line.indexOf(match[1]);
    if (position.character < start || position.character > start + match[1].length) return undefined;
    const markdown = directiveMarkdown(match[1], readConfSettings(document.uri).targetVersion);
    return markdown ? new vscode.Hover(markdown, new vscode.Range(position.line, start, position.line, start + match[1].length)) : undefined;
  },
};
