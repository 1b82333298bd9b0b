/** Quick fixes from the core findings' offset edits, plus "disable for this line". */
import * as vscode from 'vscode';
import { ConfDiagnostic } from './convert';

export const confCodeActionProvider: vscode.CodeActionProvider = {
  provideCodeActions(document, _range, context) {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (!(diagnostic instanceof ConfDiagnostic)) continue;
      for (const fix of diagnostic.finding.fixes ?? []) {
        const action = new vscode.CodeAction(fix.description, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.safe;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(edit.startOffset), document.positionAt(edit.endOffset)), edit.newText);
        }
        actions.push(action);
      }
      const line = diagnostic.range.start.line;
      const disable = new vscode.CodeAction(`Disable ${diagnostic.finding.ruleId} for this line`, vscode.CodeActionKind.QuickFix);
      disable.diagnostics = [diagnostic];
      disable.edit = new vscode.WorkspaceEdit();
      const indent = /^\s*/.exec(document.lineAt(line).text)?.[0] ?? '';
      disable.edit.insert(document.uri, new vscode.Position(line, 0), `${indent}# redis-review-disable-next-line ${diagnostic.finding.ruleId}\n`);
      actions.push(disable);
    }
    return actions;
  },
};
