/** The redis.conf feature: diagnostics, hover, completion, quick fixes and the workload generator command. */
import * as vscode from 'vscode';
import type { Feature } from '../feature';
import { confCodeActionProvider } from './confCodeActions';
import { confCompletionProvider } from './confCompletion';
import { registerConfDiagnostics } from './confDiagnostics';
import { confHoverProvider } from './confHover';
import { CONF_LANGUAGE } from './convert';
import { GENERATE_COMMAND, generateConfFiles, runGenerateCommand, type ScriptedGenerate } from './generateCommand';

export const confFeature: Feature = {
  name: 'redis.conf',
  activate(context, services) {
    const selector: vscode.DocumentSelector = { language: CONF_LANGUAGE };
    registerConfDiagnostics(context, services.output);
    context.subscriptions.push(
      vscode.languages.registerHoverProvider(selector, confHoverProvider),
      vscode.languages.registerCompletionItemProvider(selector, confCompletionProvider, ' '),
      vscode.languages.registerCodeActionsProvider(selector, confCodeActionProvider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
      vscode.commands.registerCommand(GENERATE_COMMAND, async (argument?: vscode.Uri | ScriptedGenerate) => {
        try {
          // Scripted use (tests, other extensions): no questions, overwrite only when asked to.
          if (argument && !(argument instanceof vscode.Uri) && argument.options) {
            const written = await generateConfFiles(vscode.Uri.file(argument.folder), argument.options, async () => argument.overwrite ?? false);
            return written.map((uri) => uri.fsPath);
          }
          await runGenerateCommand(argument instanceof vscode.Uri ? argument : undefined);
        } catch (error) {
          services.output.error(`Generating redis.conf failed: ${String(error)}`);
          void vscode.window.showErrorMessage(`Generating redis.conf failed: ${(error as Error).message}`);
        }
        return undefined;
      }),
    );
  },
};
