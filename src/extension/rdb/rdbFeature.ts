/**
 * "Redis: Analyze RDB File…": picks an RDB backup, asks how the server that wrote it rounds allocations (its
 * jemalloc quantum; see core/editor/allocatorQuantumChoice.ts), parses it with progress and cancel (no server
 * involved), links namespaces to the workspace's write sites and opens the Markdown report. The work is core's
 * parseRdbStream and RdbAnalysis; this file only adapts them to VS Code.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { linkReportToCode } from '../../core/memory/codeLinkage';
import { formatBytes } from '../../core/memory/recommendations/evidence';
import { toMarkdown } from '../../core/memory/reportFormats';
import type { MemoryReport } from '../../core/memory/types';
import { parseRdbStream } from '../../core/rdb/parseStream';
import { RdbAnalysis } from '../../core/rdb/rdbAnalysis';
import { workspaceWriteSites } from '../../node/workspaceWriteSites';
import type { Feature } from '../feature';
import type { ExtensionServices } from '../services';
import { countOf } from '../../core/text/plural';
import type { AllocatorQuantum } from '../../core/rdb/allocator';
import { allocatorQuantumSetting, decideAllocatorQuantum, QUANTUM_CHOICES, type ReportedQuantum } from '../../core/editor/allocatorQuantumChoice';
import { allocatorQuantumOfClient } from '../../redis/rdb/allocatorQuantum';

export const ANALYZE_RDB_COMMAND = 'redisReview.analyzeRdbFile';

/** Argument for scripted use (tests): analyse this file instead of asking. The command returns the report. */
export interface AnalyzeRdbArgument {
  path?: string;
  /** The writing server's jemalloc quantum; without it a scripted call takes the setting or the connected servers' answer. */
  allocatorQuantum?: AllocatorQuantum;
}

/** What the connected servers say about their allocator (MEMORY MALLOC-STATS), each within a second. */
async function reportedQuantums(services: ExtensionServices): Promise<ReportedQuantum[]> {
  const connections = services.connections;
  if (!connections) return [];
  const sessions = connections.list().filter((c) => c.state === 'connected').map((c) => connections.session(c.id)).filter((s) => s !== undefined);
  const answers = await Promise.all(sessions.map(async (session) => {
    const quantum = await Promise.race([allocatorQuantumOfClient(session.client), new Promise<undefined>((resolve) => setTimeout(resolve, 1000))]);
    return quantum ? { connection: session.name, quantum } : undefined;
  }));
  return answers.filter((a) => a !== undefined);
}

/** The quantum to model sizes with: the argument, the setting, or the user's pick (a connected server's answer first). */
async function chooseQuantum(services: ExtensionServices, file: string, argument: AnalyzeRdbArgument | undefined): Promise<AllocatorQuantum | undefined> {
  const setting = allocatorQuantumSetting(vscode.workspace.getConfiguration('redisReview.rdb').get('allocatorQuantum'));
  const needsServers = !argument?.allocatorQuantum && setting === 'ask';
  const decision = decideAllocatorQuantum({
    argument: argument?.allocatorQuantum, setting, reported: needsServers ? await reportedQuantums(services) : [], interactive: argument?.path === undefined,
  });
  if (!decision.ask) return decision.quantum;
  const items = decision.order.map((quantum) => ({
    quantum,
    label: QUANTUM_CHOICES[quantum].label,
    detail: QUANTUM_CHOICES[quantum].detail,
    ...(decision.reportedBy[quantum] ? { description: `reported by ${decision.reportedBy[quantum]!.join(', ')}` } : {}),
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Redis: Analyze ${file}`,
    placeHolder: 'Which build wrote this file? Sizes follow its jemalloc quantum (redisReview.rdb.allocatorQuantum stops the question)',
    ignoreFocusOut: true,
  });
  return picked?.quantum;
}

async function analyzeRdbFile(services: ExtensionServices, argument?: AnalyzeRdbArgument): Promise<MemoryReport | undefined> {
  const path = argument?.path ?? (await vscode.window.showOpenDialog({
    canSelectMany: false, openLabel: 'Analyze', title: 'Redis: Analyze RDB File', filters: { 'RDB files': ['rdb'], 'All files': ['*'] },
  }))?.[0]?.fsPath;
  if (!path) return undefined;
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    void vscode.window.showErrorMessage(`Redis: cannot read ${path}: ${(error as Error).message}`);
    return undefined;
  }
  const allocatorQuantum = await chooseQuantum(services, basename(path), argument);
  if (!allocatorQuantum) return undefined;
  const analysis = new RdbAnalysis({ source: 'file', origin: basename(path), allocatorQuantum });
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Analyzing ${basename(path)}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
      let reported = 0;
      try {
        const outcome = await parseRdbStream(createReadStream(path, { highWaterMark: 1 << 20 }), analysis, {
          signal: controller.signal,
          allocatorQuantum,
          onProgress: (bytes, keys) => {
            const percent = size > 0 ? Math.min(100, (bytes / size) * 100) : 0;
            progress.report({ increment: percent - reported, message: `${formatBytes(bytes)} of ${formatBytes(size)}, ${countOf(keys, 'key')}` });
            reported = percent;
          },
        });
        const built = analysis.report({ bytes: outcome.bytes, rdbVersion: outcome.rdbVersion, complete: outcome.complete, incompleteReason: outcome.error?.message });
        if (root && !token.isCancellationRequested) linkReportToCode(built, await workspaceWriteSites(root, await services.parsers(), () => token.isCancellationRequested));
        return built;
      } finally {
        cancel.dispose();
      }
    },
  );
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: toMarkdown(report) });
  await vscode.window.showTextDocument(document, { preview: false });
  if (report.complete === false) void vscode.window.showWarningMessage(`Redis: partial report of ${basename(path)} — ${report.incompleteReason}.`);
  return report;
}

export const rdbFeature: Feature = {
  name: 'RDB analysis',
  activate(context, services) {
    context.subscriptions.push(vscode.commands.registerCommand(ANALYZE_RDB_COMMAND, (argument?: AnalyzeRdbArgument) => analyzeRdbFile(services, argument)));
  },
};
