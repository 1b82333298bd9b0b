/** Converts core redis.conf findings and spans to VS Code diagnostics and ranges. */
import * as vscode from 'vscode';
import type { Finding, Severity, Span } from '../../core/findings';

export const CONF_LANGUAGE = 'redis-conf';
/** The same source name as code findings and live-memory notes: one name to filter the Problems panel by. */
export { DIAGNOSTIC_SOURCE } from '../review/findingDiagnostics';
import { DIAGNOSTIC_SOURCE } from '../review/findingDiagnostics';

export function toRange(span: Span): vscode.Range {
  return new vscode.Range(span.start.line, span.start.column, span.end.line, span.end.column);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Diagnostics keep their finding so quick fixes can apply its offset edits. */
export class ConfDiagnostic extends vscode.Diagnostic {
  constructor(readonly finding: Finding) {
    super(toRange(finding.span), finding.message, SEVERITY[finding.severity]);
    this.source = DIAGNOSTIC_SOURCE;
    this.code = finding.ruleId;
  }
}
