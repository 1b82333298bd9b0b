/** Hover on a directive name: description, type, default, allowed values, and which servers accept it. */
import * as vscode from 'vscode';
import { anyDirectiveInfo, sentinelSubcommands, serverLabel, type TargetServer } from '../../core/conf';
import { confTargetServer } from './confSettings';

export function directiveMarkdown(name: string, server: TargetServer): vscode.MarkdownString | undefined {
  const info = anyDirectiveInfo(name, server);
  if (!info) return undefined;
  const lines = [`**${info.name}** — ${info.description}`, ''];
  const type = info.type === 'integer' && info.min !== undefined ? `integer ${info.min}…${info.max}` : info.type;
  lines.push(`- Type: \`${type}\`${info.mutable ? '' : ' (not changeable with CONFIG SET)'}`);
  if (!info.fileOnly) lines.push(`- Default: \`${info.default === '' ? '""' : info.default}\``);
  if (info.values?.length) lines.push(`- Values: ${info.values.map((v) => `\`${v}\`${info.laterValues?.[v] ? ` (Redis ${info.laterValues[v]}+)` : ''}`).join(', ')}`);
  if (info.aliasOf) lines.push(`- Old name of \`${info.aliasOf}\``);
  const accepted = info.servers.includes(server);
  lines.push(`- Accepted by: ${info.servers.map(serverLabel).join(', ')}${accepted ? '' : ` — **not by the target ${serverLabel(server)}**`}`);
  if (info.name === 'sentinel') lines.push('', `Options: ${sentinelSubcommands(server).filter((s) => !s.state).map((s) => `\`${s.name}\``).join(', ')}`);
  return new vscode.MarkdownString(lines.join('\n'));
}

export const confHoverProvider: vscode.HoverProvider = {
  provideHover(document, position) {
    const line = document.lineAt(position.line).text;
    const match = /^\s*([A-Za-z][\w-]*)/.exec(line);
    if (!match) return undefined;
    const start = line.indexOf(match[1]);
    if (position.character < start || position.character > start + match[1].length) return undefined;
    const markdown = directiveMarkdown(match[1], confTargetServer(document.uri));
    return markdown ? new vscode.Hover(markdown, new vscode.Range(position.line, start, position.line, start + match[1].length)) : undefined;
  },
};
