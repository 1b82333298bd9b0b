/** Completion of directive names (at line start) and of enum/bool values (after the name). */
import * as vscode from 'vscode';
import { allDirectives, directiveInfo, enumValuesFor, sentinelSubcommands } from '../../core/conf';
import { confTargetServer } from './confSettings';
import { directiveMarkdown } from './confHover';

export const confCompletionProvider: vscode.CompletionItemProvider = {
  provideCompletionItems(document, position) {
    const target = confTargetServer(document.uri);
    const before = document.lineAt(position.line).text.slice(0, position.character);
    if (/^\s*#/.test(before)) return [];
    const words = before.trimStart().split(/\s+/);
    if (words.length <= 1) {
      return allDirectives(target)
        .filter((info) => !info.ignored)
        .map((info) => {
          const item = new vscode.CompletionItem(info.name, vscode.CompletionItemKind.Property);
          item.detail = info.aliasOf ? `old name of ${info.aliasOf}` : info.type;
          item.documentation = directiveMarkdown(info.name, target);
          if (info.aliasOf) item.tags = [vscode.CompletionItemTag.Deprecated];
          return item;
        });
    }
    const info = directiveInfo(words[0], target);
    if (!info) return [];
    if (info.name === 'sentinel' && words.length === 2) {
      return sentinelSubcommands(target).filter((s) => !s.state).map((s) => {
        const item = new vscode.CompletionItem(s.name, vscode.CompletionItemKind.Function);
        item.documentation = s.description;
        return item;
      });
    }
    if (words.length !== 2) return [];
    const values = info.type === 'bool' ? ['yes', 'no'] : info.type === 'enum' ? enumValuesFor(info) : [];
    return values.map((value) => {
      const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.EnumMember);
      if (value === info.default) item.detail = 'default';
      return item;
    });
  },
};
