/**
 * After an analysis, the code that writes each analysed namespace gets a diagnostic and a hover with the live
 * numbers: a warning where keys are written without expiry into a namespace that mostly has none, an
 * information diagnostic otherwise.
 */
import * as vscode from 'vscode';
import { formatBytes, formatCount } from '../../core/memory/recommendations/evidence';
import type { LinkedWriteSite, NamespaceLink } from '../../core/memory/types';
import { countOf } from '../../core/text/plural';
import { DIAGNOSTIC_SOURCE, LIVE_MEMORY_CODE } from '../review/findingDiagnostics';
import type { AnalysisStore, StoredAnalysis } from './analysisStore';

/** Live numbers carry their age: the analysis is a snapshot, the diagnostic stays until the next one. */
function message(link: NamespaceLink, site: LinkedWriteSite, connectionName: string, finishedAt: number): string {
  const ttl = `${Math.round(link.ttlShare * 100)} % with TTL`;
  const base = `${link.pattern} on ${connectionName}: ${countOf(link.keys, 'key')}, ${formatBytes(link.memoryBytes)}, ${ttl}`;
  const age = `(analysed ${new Date(finishedAt).toLocaleTimeString()})`;
  return site.setsTtl ? `${base} ${age}` : `${base} — written here (${site.command}) without expiry ${age}`;
}

/** Rows to show for one analysis: site → (link, message, severity). */
export function diagnosticEntries(analysis: StoredAnalysis): Array<{ file: string; site: LinkedWriteSite; link: NamespaceLink; text: string; warning: boolean }> {
  return (analysis.report.codeLinks ?? []).flatMap((link) =>
    link.sites.map((site) => ({
      file: site.file, site, link, text: message(link, site, analysis.connectionName, analysis.finishedAt),
      warning: !site.setsTtl && link.ttlShare < 0.5 && link.keys >= 100,
    })),
  );
}

export function registerWriteSiteDiagnostics(store: AnalysisStore): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('redisReview.memory');
  const rangeOf = (site: LinkedWriteSite) => new vscode.Range(site.line - 1, site.column - 1, site.line - 1, site.column - 1 + Math.max(1, site.command.length));
  const render = (analysis: StoredAnalysis) => {
    collection.clear();
    if (!analysis.workspaceRoot) return;
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const entry of diagnosticEntries(analysis)) {
      const diagnostic = new vscode.Diagnostic(rangeOf(entry.site), entry.text, entry.warning ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
      diagnostic.source = DIAGNOSTIC_SOURCE;
      diagnostic.code = LIVE_MEMORY_CODE;
      const list = byFile.get(entry.file) ?? [];
      list.push(diagnostic);
      byFile.set(entry.file, list);
    }
    for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.joinPath(vscode.Uri.file(analysis.workspaceRoot), file), diagnostics);
  };
  const hover = vscode.languages.registerHoverProvider(['python', 'typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'go', 'java'], {
    provideHover(document, position) {
      const analysis = store.latest();
      if (!analysis?.workspaceRoot) return undefined;
      for (const entry of diagnosticEntries(analysis)) {
        const uri = vscode.Uri.joinPath(vscode.Uri.file(analysis.workspaceRoot), entry.file);
        const range = rangeOf(entry.site);
        if (uri.toString() !== document.uri.toString() || range.start.line !== position.line) continue;
        const top = analysis.report.namespaces.length ? entry.link : undefined;
        const markdown = new vscode.MarkdownString(
          `**Redis memory — \`${entry.link.pattern}\`** (${analysis.connectionName}, ${new Date(analysis.finishedAt).toLocaleTimeString()})\n\n` +
            `| keys | memory | with TTL |\n|---|---|---|\n| ${formatCount(entry.link.keys)} | ${formatBytes(entry.link.memoryBytes)} | ${Math.round((top?.ttlShare ?? 0) * 100)} % |\n\n` +
            (entry.site.setsTtl ? 'This write sets an expiry.' : 'This write sets **no expiry**: keys stay until deleted or evicted.'),
        );
        return new vscode.Hover(markdown, range);
      }
      return undefined;
    },
  });
  const subscription = store.onDidChange(render);
  return vscode.Disposable.from(collection, hover, subscription);
}
