/** The memory analysis feature: the Analyze Memory command, write-site diagnostics, and the Analysis tab's host side. */
import * as vscode from 'vscode';
import type { Feature } from '../feature';
import type { ExtensionServices } from '../services';
import { registerAnalysisHandlers } from './analysisHandlers';
import { AnalysisStore } from './analysisStore';
import { analyzeMemoryCommand, type AnalyzeArgument } from './analyzeMemoryCommand';
import { registerWriteSiteDiagnostics } from './writeSiteDiagnostics';

export const analysisFeature: Feature = {
  name: 'Memory analysis',
  activate(context: vscode.ExtensionContext, services: ExtensionServices) {
    if (!services.connections) throw new Error('the Connections feature did not start');
    const store = new AnalysisStore();
    registerAnalysisHandlers(store, services);
    context.subscriptions.push(
      store,
      store.onDidChange((analysis) => services.analysisUpdates.fire(analysis.connectionId)),
      registerWriteSiteDiagnostics(store),
      vscode.commands.registerCommand('redisReview.analyzeMemory', (argument?: AnalyzeArgument) => analyzeMemoryCommand(services, store, argument)),
    );
  },
};
