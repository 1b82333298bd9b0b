/** Converts engine findings into VS Code diagnostics: severity, source, docs link and related locations. */
import * as vscode from 'vscode';
import type { Finding, Severity, Span } from '../../core/findings';
import { ruleDocsUri } from './ruleDocs';

/** The `source` of every diagnostic this extension reports; the Problems filter uses it too. */
export const DIAGNOSTIC_SOURCE = 'Redis Review';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function spanRange(span: Span): vscode.Range {
  return new vscode.Range(span.start.line, span.start.column, span.end.line, span.end.column);
}

export function findingDiagnostic(uri: vscode.Uri, finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(spanRange(finding.span), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocsUri(finding.ruleId) };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, spanRange(related.span)), related.message),
    );
  }
  return diagnostic;
}

/** The code of the live-memory notes at write sites (they are facts from a server, not findings of a rule). */
export const LIVE_MEMORY_CODE = 'live-memory';

/** The rule id of one of our code-review diagnostics (undefined for other sources' and for live-memory notes). */
export function diagnosticRuleId(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = diagnostic.code;
  const value = typeof code === 'object' && code !== null ? String(code.value) : typeof code === 'string' ? code : undefined;
  return value === LIVE_MEMORY_CODE ? undefined : value;
}
