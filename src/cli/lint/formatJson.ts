/** Machine-readable output: `{"version":1,"findings":[...]}` with 1-based line/column positions. */
import type { LintReport } from './lintFiles';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: string;
  message: string;
  /** `proven` (traced to a client) or `likely` (judged from evidence, named in `evidence`). */
  confidence: string;
  evidence?: string;
  fix?: { description: string; safe: boolean; edits: { startOffset: number; endOffset: number; newText: string }[] };
}

export function formatJson(report: LintReport): string {
  const findings: JsonFinding[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const entry: JsonFinding = {
        file: file.displayPath,
        line: f.span.start.line + 1,
        column: f.span.start.column + 1,
        endLine: f.span.end.line + 1,
        endColumn: f.span.end.column + 1,
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        confidence: f.confidence ?? 'proven',
      };
      if (f.evidence) entry.evidence = f.evidence;
      const first = f.fixes?.[0];
      if (first) entry.fix = { description: first.description, safe: first.safe, edits: first.edits.map((e) => ({ ...e })) };
      findings.push(entry);
    }
  }
  // `unreadable` lists what was not checked: consumers must not read an empty `findings` as a clean result then.
  const unreadable = report.unreadable.map((entry) => ({ file: entry.displayPath, kind: entry.kind, reason: entry.reason }));
  return JSON.stringify({ version: 1, findings, ...(unreadable.length ? { unreadable } : {}) }, null, 2) + '\n';
}
