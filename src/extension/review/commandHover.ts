/**
 * Hover on Redis calls of tracked clients (and on the command name inside `call('HGETALL', ...)`):
 * the command card from the generated command table, plus the rule explanation of findings under the cursor.
 */
import * as vscode from 'vscode';
import { hoverAt } from '../../core/editor/hoverContent';
import { ruleById } from '../../core/rules/registry';
import type { DocumentReviewer } from './documentReviewer';
import { SHOW_RULE_DOCS_COMMAND } from './ruleDocs';

/** Why the rule exists and what to do, in a few lines (the full page is one click away). */
export function ruleExplanation(ruleId: string): string | undefined {
  const rule = ruleById(ruleId);
  if (!rule) return undefined;
  const link = `command:${SHOW_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
  return `${rule.meta.docs.why}\n\n**Fix:** ${rule.meta.docs.fix}\n\n[Rule documentation](${link})`;
}

export class CommandHover implements vscode.HoverProvider {
  constructor(
    private readonly reviewer: DocumentReviewer,
    private readonly enabled: () => boolean,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.enabled()) return undefined;
    // While typing, the last review may be a few keystrokes old; its offsets are only trusted when current.
    const review = this.reviewer.reviewOf(document);
    if (!review) return undefined;
    const parts = hoverAt(review.result.callSites, review.result.findings, document.offsetAt(position), ruleExplanation);
    if (!parts) return undefined;
    const markdown = new vscode.MarkdownString(parts.blocks.join('\n\n---\n\n'));
    // Only our own command (show rule docs) may run from the hover.
    markdown.isTrusted = { enabledCommands: [SHOW_RULE_DOCS_COMMAND] };
    markdown.supportThemeIcons = true;
    const range = new vscode.Range(document.positionAt(parts.startOffset), document.positionAt(parts.endOffset));
    return new vscode.Hover(markdown, range);
  }
}
