/**
 * "Redis: Review Workspace": reviews every analyzable file of every workspace folder (respecting .gitignore
 * and the config's ignore globs) with a cancellable progress notification, and fills the Problems panel
 * for files that are not open. Open documents are reviewed from their editor text.
 */
import { relative } from 'node:path';
import * as vscode from 'vscode';
import { languageForPath } from '../../core/parsing/languages';
import type { Parsers } from '../../core/parsing/parsers';
import { countOf } from '../../core/text/plural';
import { walkFiles } from '../../node/workspaceFiles';
import type { DocumentReviewer } from './documentReviewer';
import type { ProjectConfigs } from './projectConfigs';
import type { WorkspaceIndexer } from './workspaceIndexer';

export const REVIEW_WORKSPACE_COMMAND = 'redisReview.reviewWorkspace';

export interface WorkspaceReviewSummary {
  files: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
  /** Files and folders that could not be read (not reviewed), with the reason. */
  unreadable: string[];
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function reviewWorkspace(
  reviewer: DocumentReviewer,
  configs: ProjectConfigs,
  indexer: WorkspaceIndexer,
  loadParsers: () => Promise<Parsers>,
): Promise<WorkspaceReviewSummary> {
  const summary: WorkspaceReviewSummary = { files: 0, findings: 0, filesWithFindings: 0, cancelled: false, unreadable: [] };
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('Redis Review: open a folder to review a workspace.');
    return summary;
  }
  // Load the parsers before the progress notification appears, so its first update is real work.
  await loadParsers();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Redis Review', cancellable: true },
    async (progress, token) => {
      for (const folder of folders) {
        if (folder.uri.scheme !== 'file') continue;
        const effective = configs.forUri(folder.uri);
        progress.report({ message: `listing files of ${folder.name}…` });
        const listing = walkFiles([effective.root], { root: effective.root, ignoreGlobs: effective.config.ignore, accept: (path) => languageForPath(path) !== undefined });
        const files = listing.files.map((path) => ({ path, relativePath: relative(effective.root, path).replace(/\\/g, '/'), language: languageForPath(path)! }));
        for (const entry of listing.unreadable) summary.unreadable.push(`${relative(effective.root, entry.path).replace(/\\/g, '/') || entry.path} (${entry.reason})`);
        // Index first: a file's findings depend on clients and listeners defined in other files.
        let indexed = 0;
        const completed = await indexer.rebuild(effective.root, files, {
          cancelled: () => token.isCancellationRequested,
          advanced: (done, total) => {
            if (done - indexed >= Math.max(1, Math.floor(total / 20))) {
              progress.report({ message: `indexing ${done}/${total}`, increment: ((done - indexed) / total) * 30 / folders.length });
              indexed = done;
            }
          },
        });
        if (!completed) break;
        const openDocuments = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.fsPath, document]));
        let sliceStart = Date.now();
        let reported = 0;
        for (const [position, file] of files.entries()) {
          if (token.isCancellationRequested) break;
          const open = openDocuments.get(file.path);
          if (open && !open.isClosed) {
            const review = await reviewer.reviewNow(open);
            summary.findings += review?.result.findings.length ?? 0;
            if (review?.result.findings.length) summary.filesWithFindings++;
          } else {
            const result = await reviewer.reviewFileOnDisk(vscode.Uri.file(file.path));
            summary.findings += result?.findings.length ?? 0;
            if (result?.findings.length) summary.filesWithFindings++;
          }
          summary.files++;
          if (Date.now() - sliceStart > 50) {
            progress.report({
              message: `${position + 1}/${files.length} ${vscode.workspace.asRelativePath(file.path)}`,
              increment: ((position + 1 - reported) / files.length) * (70 / folders.length),
            });
            reported = position + 1;
            await yieldToEventLoop();
            sliceStart = Date.now();
          }
        }
      }
      summary.cancelled = token.isCancellationRequested;
    },
  );
  if (summary.unreadable.length) {
    // Silence would read as "no problems" for files nobody looked at.
    const shown = summary.unreadable.slice(0, 3).join(', ') + (summary.unreadable.length > 3 ? ` and ${summary.unreadable.length - 3} more` : '');
    void vscode.window.showWarningMessage(`Redis Review could not read ${countOf(summary.unreadable.length, 'file or folder', 'files or folders')}, which ${summary.unreadable.length === 1 ? 'was' : 'were'} not reviewed: ${shown}.`);
  }
  return summary;
}
