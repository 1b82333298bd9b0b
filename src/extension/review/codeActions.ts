/**
 * Quick fixes for Redis Review diagnostics: the engine's fixes (safe ones preferred), "Disable <rule> for
 * this line", "Disable <rule> for this file" and "Show documentation for <rule>"; plus the source action
 * "Fix all safe Redis Review problems" for the whole file.
 */
import * as vscode from 'vscode';
import { quickFixTitle } from '../../core/editor/quickFixTitle';
import { combineSafeFixes } from '../../core/editor/fixAll';
import type { Finding, Fix, TextEdit } from '../../core/findings';
import { suppressionEdit, UNUSED_SUPPRESSION_ID } from '../../core/review';
import type { DocumentReviewer } from './documentReviewer';
import { diagnosticRuleId, spanRange } from './findingDiagnostics';
import { SHOW_RULE_DOCS_COMMAND } from './ruleDocs';

/** Kind of the fix-all source action (also runnable on save via `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('redisReview');

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const textEdit of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(textEdit.startOffset), document.positionAt(textEdit.endOffset)), textEdit.newText);
  }
  return edit;
}

function sameRange(diagnostic: vscode.Diagnostic, finding: Finding): boolean {
  return diagnostic.range.isEqual(spanRange(finding.span));
}

export class ReviewCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly reviewer: DocumentReviewer) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const language = this.reviewer.languageOf(document);
    if (!language) return [];
    const wantsFixAll = !context.only || context.only.contains(FIX_ALL_KIND);
    const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix);
    // Fix data is in offsets of the reviewed text: only offer it when the review matches the document.
    const review = this.reviewer.reviewOf(document);
    const actions: vscode.CodeAction[] = [];
    if (wantsQuickFix) {
      for (const diagnostic of context.diagnostics) {
        const ruleId = diagnosticRuleId(diagnostic);
        if (!ruleId) continue;
        const finding = review?.result.findings.find((candidate) => candidate.ruleId === ruleId && sameRange(diagnostic, candidate));
        actions.push(...this.fixActions(document, diagnostic, finding?.fixes ?? []));
        // An unused suppression is fixed by deleting it; suppressing it would make no sense.
        if (ruleId !== UNUSED_SUPPRESSION_ID) actions.push(...this.ruleActions(document, language, diagnostic, ruleId));
      }
    }
    // In the lightbulb menu, offer fix-all only next to one of our diagnostics; on request (source menu, on save) always.
    const nextToOurs = context.diagnostics.some((diagnostic) => diagnosticRuleId(diagnostic) !== undefined);
    if (wantsFixAll && review && (context.only || nextToOurs)) {
      const fixAll = this.fixAllAction(document, review.result.findings);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  private fixActions(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fixes: readonly Fix[]): vscode.CodeAction[] {
    // The preferred fix is what "Auto Fix" (Shift+Alt+.) applies: the first safe fix; when a rule offers a single
    // fix that is unsafe, it is still the one that addresses the problem, and its title asks for review.
    const safe = fixes.findIndex((fix) => fix.safe);
    const preferred = safe >= 0 ? safe : fixes.length === 1 ? 0 : -1;
    return fixes.map((fix, index) => {
      const action = new vscode.CodeAction(quickFixTitle(fix.description, fix.safe), vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEdit(document, fix.edits);
      action.diagnostics = [diagnostic];
      action.isPreferred = index === preferred;
      return action;
    });
  }

  private ruleActions(
    document: vscode.TextDocument,
    language: NonNullable<ReturnType<DocumentReviewer['languageOf']>>,
    diagnostic: vscode.Diagnostic,
    ruleId: string,
  ): vscode.CodeAction[] {
    const text = document.getText();
    const line = diagnostic.range.start.line;
    const disableLine = new vscode.CodeAction(`Disable ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
    disableLine.edit = workspaceEdit(document, [suppressionEdit(text, language, line, ruleId, 'line')]);
    disableLine.diagnostics = [diagnostic];
    const disableFile = new vscode.CodeAction(`Disable ${ruleId} for this file`, vscode.CodeActionKind.QuickFix);
    disableFile.edit = workspaceEdit(document, [suppressionEdit(text, language, line, ruleId, 'file')]);
    disableFile.diagnostics = [diagnostic];
    const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
    docs.command = { command: SHOW_RULE_DOCS_COMMAND, title: `Show documentation for ${ruleId}`, arguments: [ruleId] };
    return [disableLine, disableFile, docs];
  }

  private fixAllAction(document: vscode.TextDocument, findings: readonly Finding[]): vscode.CodeAction | undefined {
    const combined = combineSafeFixes(findings);
    if (combined.fixedCount === 0) return undefined;
    const action = new vscode.CodeAction('Fix all safe Redis Review problems', FIX_ALL_KIND);
    action.edit = workspaceEdit(document, combined.edits);
    return action;
  }
}
