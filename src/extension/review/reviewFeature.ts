/**
 * The "review in the editor" feature: live diagnostics, quick fixes, command hovers, rule docs,
 * "Review Workspace", the findings status bar item, and live reaction to settings and config files.
 */
import * as vscode from 'vscode';
import { sanitizeAnalyzerSettings, type AnalyzerSettings } from '../../core/editor/analyzerSettings';
import { CONFIG_FILE_NAME } from '../../core/config';
import { workspaceReviewResult } from '../../core/editor/workspaceReviewResult';
import { docsMarkdown, RULE_IDS } from '../../core/review';
import type { Feature } from '../feature';
import { ReviewCodeActions } from './codeActions';
import { CommandHover } from './commandHover';
import { DocumentReviewer } from './documentReviewer';
import { FindingsStatus, SHOW_FINDINGS_COMMAND } from './findingsStatus';
import { ProjectConfigs } from './projectConfigs';
import { registerRuleDocs } from './ruleDocs';
import { WorkspaceIndexer } from './workspaceIndexer';
import { REVIEW_WORKSPACE_COMMAND, reviewWorkspace } from './workspaceReview';

export const REVIEW_ACTIVE_FILE_COMMAND = 'redisReview.reviewActiveFile';

/** The documents the analyzer reads (VS Code language ids). */
export const REVIEWED_LANGUAGES: vscode.DocumentSelector = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'go', 'java'].flatMap(
  (language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ],
);

function readSettings(): AnalyzerSettings {
  const configuration = vscode.workspace.getConfiguration('redisReview.analyzer');
  return sanitizeAnalyzerSettings((key) => configuration.get(key));
}

export const reviewFeature: Feature = {
  name: 'Review',
  activate(context, services) {
    let settings = readSettings();
    const configs = new ProjectConfigs(settings, services.output);
    const indexer = new WorkspaceIndexer(services.parsers);
    const reviewer = new DocumentReviewer(settings, configs, indexer, services.parsers, services.output);
    const status = new FindingsStatus();
    status.setVisible(settings.enable && settings.statusBar);

    const reloadConfiguration = async () => {
      configs.reset(settings);
      reviewer.resetIndex();
      await reviewer.reviewAllOpen();
    };
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
    // Files reported by "Review Workspace" but not open: keep their diagnostics true to the disk (git checkout, codegen).
    const sourceWatcher = vscode.workspace.createFileSystemWatcher('**/*.{py,pyi,ts,mts,cts,tsx,js,mjs,cjs,jsx,go,java}');
    // Lua files hold scripts the code loads: the index keeps their texts for the script rules.
    const luaWatcher = vscode.workspace.createFileSystemWatcher('**/*.lua');
    const luaChanged = (uri: vscode.Uri, deleted: boolean) => {
      if (uri.scheme === 'file') void indexer.luaScriptChanged(configs.forUri(uri).root, uri.fsPath, deleted);
    };

    context.subscriptions.push(
      reviewer,
      status,
      configWatcher,
      registerRuleDocs(docsMarkdown, () => [...RULE_IDS]),
      vscode.languages.registerCodeActionsProvider(REVIEWED_LANGUAGES, new ReviewCodeActions(reviewer), ReviewCodeActions.metadata),
      vscode.languages.registerHoverProvider(REVIEWED_LANGUAGES, new CommandHover(reviewer, () => settings.enable && settings.hover)),
      vscode.workspace.onDidOpenTextDocument((document) => reviewer.onOpen(document)),
      vscode.workspace.onDidChangeTextDocument((event) => reviewer.onChange(event)),
      vscode.workspace.onDidSaveTextDocument((document) => reviewer.onSave(document)),
      vscode.workspace.onDidCloseTextDocument((document) => reviewer.onClose(document)),
      vscode.window.tabGroups.onDidChangeTabs((event) => reviewer.onTabsChanged(event)),
      vscode.workspace.onDidChangeConfiguration(async (event) => {
        if (!event.affectsConfiguration('redisReview.analyzer')) return;
        settings = readSettings();
        reviewer.updateSettings(settings);
        status.setVisible(settings.enable && settings.statusBar);
        await reloadConfiguration();
      }),
      sourceWatcher,
      luaWatcher,
      luaWatcher.onDidCreate((uri) => luaChanged(uri, false)),
      luaWatcher.onDidChange((uri) => luaChanged(uri, false)),
      luaWatcher.onDidDelete((uri) => luaChanged(uri, true)),
      sourceWatcher.onDidChange((uri) => reviewer.onFileChangedOnDisk(uri, false)),
      sourceWatcher.onDidDelete((uri) => reviewer.onFileChangedOnDisk(uri, true)),
      configWatcher.onDidCreate(reloadConfiguration),
      configWatcher.onDidChange(reloadConfiguration),
      configWatcher.onDidDelete(reloadConfiguration),
      vscode.workspace.onDidChangeWorkspaceFolders(reloadConfiguration),
      vscode.commands.registerCommand(REVIEW_WORKSPACE_COMMAND, async () => {
        if (!settings.enable) {
          void vscode.window.showInformationMessage('Redis Review is disabled (redisReview.analyzer.enable).');
          return undefined;
        }
        // Read config files afresh: one may have changed a moment ago, before its watcher event arrived.
        configs.reset(settings);
        const summary = await reviewWorkspace(reviewer, configs, indexer, services.parsers);
        status.update();
        const result = workspaceReviewResult(summary);
        services.output.info(`Review Workspace: ${result}`);
        if (summary.files > 0 || summary.cancelled) {
          // The result, not only the progress: a review that finds nothing must say so, or it reads as "did nothing".
          const actions = summary.findings > 0 ? ['Show Findings'] : [];
          void vscode.window.showInformationMessage(`Redis Review: ${result}`, ...actions).then((choice) => {
            if (choice) void vscode.commands.executeCommand(SHOW_FINDINGS_COMMAND);
          });
        }
        for (const entry of summary.unreadable) services.output.warn(`Review Workspace could not read ${entry}`);
        return summary;
      }),
      vscode.commands.registerCommand(REVIEW_ACTIVE_FILE_COMMAND, async () => {
        const document = vscode.window.activeTextEditor?.document;
        if (!document || !reviewer.languageOf(document)) {
          void vscode.window.showInformationMessage('Redis Review reviews Python, TypeScript and JavaScript files: open one first.');
          return undefined;
        }
        return (await reviewer.reviewNow(document))?.result.findings.length ?? 0;
      }),
    );
    // Documents already open when the extension activated (the one that triggered onLanguage activation).
    void reviewer.reviewAllOpen();
  },
};
