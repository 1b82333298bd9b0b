/**
 * Status bar item with the number of Redis Review findings across the workspace (code and redis.conf alike: every
 * diagnostic with our source name except the live-memory notes); clicking it opens the
 * Problems panel together with a picker that lists only Redis Review findings (VS Code has no API to set
 * the Problems panel's filter text, so the picker is the filtered view).
 */
import * as vscode from 'vscode';
import { countOf } from '../../core/text/plural';
import { DIAGNOSTIC_SOURCE, LIVE_MEMORY_CODE } from './findingDiagnostics';

export const SHOW_FINDINGS_COMMAND = 'redisReview.showFindings';

const SEVERITY_ICON: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: '$(error)',
  [vscode.DiagnosticSeverity.Warning]: '$(warning)',
  [vscode.DiagnosticSeverity.Information]: '$(info)',
  [vscode.DiagnosticSeverity.Hint]: '$(lightbulb)',
};

/** Our findings per file, from every collection (the status bar and the picker count the same thing). */
function forEachFinding(visit: (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => void): void {
  for (const [uri, all] of vscode.languages.getDiagnostics()) {
    const ours = all.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE && codeOf(diagnostic) !== LIVE_MEMORY_CODE);
    if (ours.length) visit(uri, ours);
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
}

interface FindingPick extends vscode.QuickPickItem {
  uri: vscode.Uri;
  range: vscode.Range;
}

export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('redisReview.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private visible = true;

  constructor() {
    this.item.name = 'Redis Review findings';
    this.item.command = SHOW_FINDINGS_COMMAND;
    this.disposables.push(
      this.item,
      vscode.commands.registerCommand(SHOW_FINDINGS_COMMAND, () => this.showFindings()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        // Any change may be ours (the code collection, the redis.conf one): recounting is cheap.
        if (event.uris.length) this.update();
      }),
    );
    this.update();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.update();
  }

  /** Recounts the collection; called after every publish, so it never drifts from the Problems panel. */
  update(): void {
    let errors = 0;
    let others = 0;
    forEachFinding((_uri, diagnostics) => {
      for (const diagnostic of diagnostics) {
        if (diagnostic.severity === vscode.DiagnosticSeverity.Error) errors++;
        else others++;
      }
    });
    const total = errors + others;
    this.item.text = `$(database) Redis ${total}`;
    this.item.tooltip =
      total === 0
        ? 'Redis Review: no findings'
        : `Redis Review: ${countOf(total, 'finding')} (${countOf(errors, 'error')}). Click to list them.`;
    this.item.accessibilityInformation = { label: `Redis Review, ${countOf(total, 'finding')}` };
    if (this.visible) this.item.show();
    else this.item.hide();
  }

  private async showFindings(): Promise<void> {
    // Reveal the Problems panel without moving focus into it: focus leaving the picker would close it.
    await vscode.commands.executeCommand('workbench.action.showErrorsWarnings');
    const picks: FindingPick[] = [];
    forEachFinding((uri, diagnostics) => {
      for (const diagnostic of diagnostics) {
        const code = codeOf(diagnostic);
        picks.push({
          label: `${SEVERITY_ICON[diagnostic.severity]} ${diagnostic.message}`,
          description: code,
          detail: `${vscode.workspace.asRelativePath(uri)}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`,
          uri,
          range: diagnostic.range,
        });
      }
    });
    picks.sort((a, b) => (a.detail ?? '').localeCompare(b.detail ?? '', undefined, { numeric: true }));
    const chosen = await vscode.window.showQuickPick(picks, {
      title: `Redis Review findings (${picks.length})`,
      placeHolder: picks.length ? 'Filter by message, rule or file' : 'No Redis Review findings',
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (chosen) await vscode.window.showTextDocument(chosen.uri, { selection: chosen.range });
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
