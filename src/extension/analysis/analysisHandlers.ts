/** Host handlers for the Analysis tab: the stored report, running an analysis, opening write sites, exporting. */
import * as vscode from 'vscode';
import { toJsonText, toMarkdown } from '../../core/memory/reportFormats';
import { workspaceRelativePath } from '../../core/paths/workspaceRelative';
import '../../shared/analysisProtocol';
import type { AnalysisView } from '../../shared/analysisProtocol';
import { registerMethodHandlers } from '../instance/methodHandlers';
import type { ExtensionServices } from '../services';
import type { AnalysisStore, StoredAnalysis } from './analysisStore';
import { analyzeMemoryCommand } from './analyzeMemoryCommand';

function view(stored: StoredAnalysis | undefined): AnalysisView | null {
  if (!stored) return null;
  return { report: stored.report, complete: stored.complete, finishedAt: stored.finishedAt, linked: !!stored.workspaceRoot && !!stored.report.codeLinks };
}

export function registerAnalysisHandlers(store: AnalysisStore, services: ExtensionServices): void {
  registerMethodHandlers({
    async memoryAnalysis(_params, { session }) {
      return view(store.get(session.id));
    },
    async runMemoryAnalysis(params, { session }) {
      await analyzeMemoryCommand(services, store, { connectionId: session.id, shownInView: true, method: params.method });
      return view(store.get(session.id));
    },
    async openCodeLocation(params, { session }) {
      const root = store.get(session.id)?.workspaceRoot;
      const relative = workspaceRelativePath(params.file);
      if (!root || !relative) return { opened: false };
      const uri = vscode.Uri.joinPath(vscode.Uri.file(root), relative);
      const position = new vscode.Position(params.line - 1, params.column - 1);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.One });
      return { opened: true };
    },
    async exportAnalysis(params, { session, ui }) {
      const stored = store.get(session.id);
      if (!stored) return { savedTo: null };
      const text = params.format === 'json' ? toJsonText(stored.report) : toMarkdown(stored.report);
      const name = `${session.name.replace(/[^\w.-]+/g, '-')}-memory.${params.format === 'json' ? 'json' : 'md'}`;
      return { savedTo: await ui.saveFile('Export memory analysis', name, Buffer.from(text, 'utf8')) };
    },
  });
}
