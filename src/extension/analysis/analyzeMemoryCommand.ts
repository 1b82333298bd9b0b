/**
 * "Redis: Analyze Memory": analyses the active connection with progress and cancel (a cancelled run can be
 * resumed from its cursors), links namespaces to the workspace's write sites, stores the result for the
 * diagnostics and the Analysis tab, and offers the Markdown report.
 */
import * as vscode from 'vscode';
import { linkReportToCode } from '../../core/memory/codeLinkage';
import type { MemoryCollector } from '../../core/memory/memoryCollector';
import { formatBytes, formatCount } from '../../core/memory/recommendations/evidence';
import { toMarkdown } from '../../core/memory/reportFormats';
import { countOf } from '../../core/text/plural';
import { analyzeMemory } from '../../redis/analysis/analyzeMemory';
import { workspaceWriteSites } from '../../node/workspaceWriteSites';
import type { ExtensionServices } from '../services';
import type { AnalysisStore } from './analysisStore';
import type { AnalysisMethod } from '../../shared/analysisProtocol';
import { analyzeSnapshot } from './snapshotAnalysisCommand';

export interface AnalyzeArgument {
  connectionId?: string;
  /** Continue the cancelled run of this connection. */
  resume?: boolean;
  /** Asked for by the Analysis tab, which shows the result itself: no "Open Analysis" offer. */
  shownInView?: boolean;
  /** "snapshot": read an RDB streamed over replication instead of inspecting key by key (default "live"). */
  method?: AnalysisMethod;
}

/** Cancelled runs, to resume from: their collector and per-node cursors. */
const pausedRuns = new Map<string, { collector: MemoryCollector; cursors: Record<string, string> }>();

function pickConnectionId(services: ExtensionServices, argument?: AnalyzeArgument): string | undefined {
  const connections = services.connections!;
  if (argument?.connectionId) return argument.connectionId;
  const active = connections.activeId();
  if (active) return active;
  const connected = connections.list().filter((c) => c.state === 'connected');
  return connected.length === 1 ? connected[0].id : connections.list().length === 1 ? connections.list()[0].id : undefined;
}

export async function openReport(markdown: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  await vscode.window.showTextDocument(document, { preview: false });
}

export async function analyzeMemoryCommand(services: ExtensionServices, store: AnalysisStore, argument?: AnalyzeArgument): Promise<void> {
  const connections = services.connections;
  if (!connections) return;
  const id = pickConnectionId(services, argument);
  if (!id) {
    void vscode.window.showInformationMessage('Redis: select a connection in the Connections view first (or add one), then run Analyze Memory.');
    return;
  }
  let session;
  try {
    session = connections.session(id) ?? (await connections.connect(id));
  } catch (error) {
    void vscode.window.showErrorMessage(`Redis: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (argument?.method === 'snapshot') {
    try {
      await analyzeSnapshot(services, store, session, { shownInView: argument.shownInView });
    } catch (error) {
      // The Analysis tab shows the reason where the user chose the method; the palette gets a notification.
      if (argument.shownInView) throw error;
      void vscode.window.showErrorMessage(`Redis: ${error instanceof Error ? error.message : String(error)}`);
    }
    return;
  }
  const resume = argument?.resume ? pausedRuns.get(id) : undefined;
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Analyzing memory of ${session.name}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        const outcome = await analyzeMemory(session.client, {
          mode: 'full',
          delimiters: session.delimiters.length ? session.delimiters : [':'],
          signal: controller.signal,
          resume,
          // Before the scan: the user can still cancel from the progress notification.
          onWarning: (warning) => {
            services.output.warn(`Memory analysis of ${session.name}: ${warning}`);
            void vscode.window.showWarningMessage(`Redis: ${warning}`);
          },
          onProgress: ({ inspectedKeys, targetKeys }) => {
            const percent = targetKeys > 0 ? Math.min(100, (100 * inspectedKeys) / targetKeys) : 100;
            if (percent - reported >= 1) {
              progress.report({ increment: percent - reported, message: `${formatCount(inspectedKeys)} of ${formatCount(targetKeys)} keys` });
              reported = percent;
            }
          },
        });
        const report = outcome.report;
        if (root) {
          progress.report({ message: 'linking namespaces to code' });
          linkReportToCode(report, await workspaceWriteSites(root, await services.parsers(), () => token.isCancellationRequested));
        }
        store.set({ connectionId: id, connectionName: session.name, report, workspaceRoot: root, complete: outcome.complete, finishedAt: Date.now() });
        if (!outcome.complete) {
          pausedRuns.set(id, { collector: outcome.collector, cursors: outcome.cursors });
          // Not awaited: callers (the Analysis tab) get the partial result now; the button stays for later.
          void vscode.window
            .showWarningMessage(`Redis: memory analysis of ${session.name} ${outcome.stoppedBy === 'cancel' ? 'cancelled' : 'stopped'} after ${formatCount(outcome.collector.inspectedKeys())} keys (partial results kept): ${outcome.incompleteReason ?? 'cancelled'}.`, 'Resume')
            .then(async (choice) => {
              if (choice === 'Resume') await analyzeMemoryCommand(services, store, { connectionId: id, resume: true });
            });
          return;
        }
        pausedRuns.delete(id);
        const summary = `Redis: ${session.name} holds ${countOf(report.totalKeys, 'key')} in ${formatBytes(report.totalMemoryBytes)}${report.sizeEstimate ? ' (estimated: MEMORY USAGE refused)' : ''}; ${countOf(report.recommendations.length, 'recommendation')}.`;
        const actions = argument?.shownInView ? ['Markdown Report'] : ['Open Analysis', 'Markdown Report'];
        void vscode.window.showInformationMessage(summary, ...actions).then(async (choice) => {
          if (choice === 'Open Analysis') await vscode.commands.executeCommand('redisReview.openInstance', { connectionId: id });
          if (choice === 'Markdown Report') await openReport(toMarkdown(report));
        });
      } catch (error) {
        services.output.error(`Memory analysis of ${session.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        void vscode.window.showErrorMessage(`Redis: memory analysis failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
  );
}
