/**
 * Rule documentation inside VS Code, offline: a read-only virtual Markdown document per rule
 * (`redis-review-docs:/<rule>.md`) rendered with the built-in Markdown preview.
 */
import * as vscode from 'vscode';

export const RULE_DOCS_SCHEME = 'redis-review-docs';
export const SHOW_RULE_DOCS_COMMAND = 'redisReview.showRuleDocumentation';

/** The docs URI of a rule; also the `target` of every diagnostic's code. */
export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: RULE_DOCS_SCHEME, path: `/${ruleId}.md` });
}

function ruleIdOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

/** Registers the docs provider and the "show documentation" command; `markdownFor` renders one rule's page. */
export function registerRuleDocs(markdownFor: (ruleId: string) => string | undefined, ruleIds: () => string[]): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: (uri) =>
      markdownFor(ruleIdOf(uri)) ?? `# Unknown rule \`${ruleIdOf(uri)}\`\n\nRedis Review has no rule with this id.\n`,
  };
  const showDocs = async (ruleId?: string) => {
    const chosen =
      ruleId ?? (await vscode.window.showQuickPick(ruleIds(), { title: 'Redis Review: show documentation for rule' }));
    if (!chosen) return;
    // The preview renders the virtual document; opening the text first makes sure its content is resolved.
    const document = await vscode.workspace.openTextDocument(ruleDocsUri(chosen));
    await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  };
  // Clicking a diagnostic's code link opens the docs URI as text; swap such editors for the rendered preview.
  const previewOnOpen = vscode.window.onDidChangeActiveTextEditor(async (editor) => {
    if (editor?.document.uri.scheme !== RULE_DOCS_SCHEME) return;
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    const textTab = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
    if (textTab) await vscode.window.tabGroups.close(textTab);
  });
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(RULE_DOCS_SCHEME, provider),
    vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, showDocs),
    previewOnOpen,
  );
}
