/** Keeps redis.conf diagnostics up to date for open redis-conf documents (debounced while typing). */
import * as vscode from 'vscode';
import { lintRedisConf } from '../../core/conf';
import { confTargetServer, readConfSettings } from './confSettings';
import { CONF_LANGUAGE, ConfDiagnostic } from './convert';

export function registerConfDiagnostics(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('redis-conf');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = (document: vscode.TextDocument) => {
    if (document.languageId !== CONF_LANGUAGE) return;
    const settings = readConfSettings(document.uri);
    if (!settings.enable) {
      collection.delete(document.uri);
      return;
    }
    try {
      const findings = lintRedisConf(document.getText(), {
        fileName: document.fileName,
        server: confTargetServer(document.uri),
        workload: settings.workload || undefined,
      });
      collection.set(document.uri, findings.map((finding) => new ConfDiagnostic(finding)));
    } catch (error) {
      output.error(`redis.conf lint failed for ${document.uri.toString()}: ${String(error)}`);
    }
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => refresh(document), 250));
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('redisReview.conf')) vscode.workspace.textDocuments.forEach(refresh);
    }),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
  // The project's "server" decides which catalogue a file is checked against.
  const projectFiles = vscode.workspace.createFileSystemWatcher('**/.redis-review.json');
  const relint = () => vscode.workspace.textDocuments.forEach(refresh);
  context.subscriptions.push(projectFiles, projectFiles.onDidChange(relint), projectFiles.onDidCreate(relint), projectFiles.onDidDelete(relint));
  vscode.workspace.textDocuments.forEach(refresh);
  return collection;
}
