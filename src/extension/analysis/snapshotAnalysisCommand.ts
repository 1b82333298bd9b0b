/**
 * Memory analysis of a connection from a fresh snapshot (src/redis/rdb/snapshotAnalysis.ts): every master streams
 * an RDB over the replication protocol, parsed as it arrives, with progress (bytes, keys) and Cancel in a
 * notification. The result is stored like a live analysis, so the Analysis tab and the write-site diagnostics
 * show it. A refusal with nothing read rejects with the reason and what to do: no empty report is stored.
 */
import * as vscode from 'vscode';
import { linkReportToCode } from '../../core/memory/codeLinkage';
import { formatBytes } from '../../core/memory/recommendations/evidence';
import { toMarkdown } from '../../core/memory/reportFormats';
import { countOf } from '../../core/text/plural';
import { SnapshotError } from '../../redis/rdb/replicationSnapshot';
import { analyzeViaRdb, describeSnapshotProgress, viaRdbConnection, viaRdbNodes } from '../../redis/rdb/snapshotAnalysis';
import { workspaceWriteSites } from '../../node/workspaceWriteSites';
import type { ConnectedSession } from '../connections/api';
import type { ExtensionServices } from '../services';
import type { AnalysisStore } from './analysisStore';
import { openReport } from './analyzeMemoryCommand';

/** The snapshot could not be read at all; the message says why and what to do instead. A refusal by the server
 *  (`refused`) is a SnapshotError like the one it wraps, so the Analysis tab gets it as the server's error. */
export class SnapshotAnalysisFailure extends SnapshotError {
  override name = 'SnapshotAnalysisFailure';
}

/** What the user can do when the server will not replicate to us: the live method needs no SYNC. */
function failureMessage(session: ConnectedSession, reason: string): string {
  const refused = /refused|NOPERM|not connected to its master|master link/i.test(reason);
  return `The snapshot of ${session.name} could not be read: ${reason}.${refused ? ' The Live method (SCAN + MEMORY USAGE) needs no SYNC permission.' : ''}`;
}

export interface SnapshotRunOptions {
  /** Asked for by the Analysis tab, which shows the result itself: no "Open Analysis" offer. */
  shownInView?: boolean;
}

/** Run the snapshot analysis of a connected session; resolves once stored (or cancelled before anything arrived). */
export async function analyzeSnapshot(services: ExtensionServices, store: AnalysisStore, session: ConnectedSession, options: SnapshotRunOptions = {}): Promise<void> {
  const target = services.connections?.replicationTarget?.(session.id);
  if (!target) throw new SnapshotAnalysisFailure(`${session.name} is not connected.`);
  let nodes;
  try {
    nodes = await viaRdbNodes(session.client, target.masterAddress);
  } catch (error) {
    throw new SnapshotAnalysisFailure(failureMessage(session, error instanceof Error ? error.message : String(error)));
  }
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const stored = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Reading a snapshot of ${session.name}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
      let reported = 0;
      try {
        const result = await analyzeViaRdb(nodes, viaRdbConnection(target.profile, target.password), {
          delimiters: session.delimiters.length ? session.delimiters : [':'],
          signal: controller.signal,
          origin: session.name,
          onProgress: (snapshot) => {
            const percent = snapshot.totalBytes ? Math.min(100, (100 * snapshot.bytes) / snapshot.totalBytes) : reported;
            progress.report({ increment: percent - reported, message: describeSnapshotProgress(snapshot) });
            reported = percent;
          },
        });
        const report = result.report;
        const nothingRead = !result.outcome.complete && result.outcome.bytes === 0 && report.totalKeys === 0;
        if (nothingRead && controller.signal.aborted) return false;
        if (nothingRead) {
          const error = result.outcome.error;
          services.output.warn(`Snapshot analysis of ${session.name}: ${error?.message ?? 'no snapshot arrived'}`);
          throw new SnapshotAnalysisFailure(failureMessage(session, error?.message ?? 'no snapshot arrived'), error instanceof SnapshotError && error.refused);
        }
        if (root && !token.isCancellationRequested) {
          progress.report({ message: 'linking namespaces to code' });
          linkReportToCode(report, await workspaceWriteSites(root, await services.parsers(), () => token.isCancellationRequested));
        }
        store.set({ connectionId: session.id, connectionName: session.name, report, workspaceRoot: root, complete: result.outcome.complete, finishedAt: Date.now() });
        return true;
      } finally {
        cancel.dispose();
      }
    },
  );
  const latest = store.get(session.id);
  if (!stored || !latest) {
    void vscode.window.showInformationMessage(`Redis: the snapshot of ${session.name} was cancelled before the server started sending it.`);
    return;
  }
  const report = latest.report;
  if (!latest.complete) {
    // Never presented as whole: the tab labels it Partial, and so does this message.
    void vscode.window.showWarningMessage(`Redis: partial snapshot analysis of ${session.name} (${countOf(report.totalKeys, 'key')}): ${report.incompleteReason}.`);
    return;
  }
  const expired = report.rdb?.expiredKeys ? `, ${countOf(report.rdb.expiredKeys, 'key')} already expired` : '';
  const summary = `Redis: the snapshot of ${session.name} holds ${countOf(report.totalKeys, 'key')} in ${formatBytes(report.totalMemoryBytes)}${expired}; ${countOf(report.recommendations.length, 'recommendation')}.`;
  const actions = options.shownInView ? ['Markdown Report'] : ['Open Analysis', 'Markdown Report'];
  void vscode.window.showInformationMessage(summary, ...actions).then(async (choice) => {
    if (choice === 'Open Analysis') await vscode.commands.executeCommand('redisReview.openInstance', { connectionId: session.id });
    if (choice === 'Markdown Report') await openReport(toMarkdown(report));
  });
}
