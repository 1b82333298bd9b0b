/** ESLint-style text output: a block per file with line:col, severity, message and rule id, then a summary. */
import type { Severity } from '../../core/findings';
import { countOf, wordFor } from '../../core/text/plural';
import type { LintReport } from './lintFiles';

const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' };

export function formatText(report: LintReport): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let fixable = 0;
  for (const file of report.files) {
    if (!file.findings.length) continue;
    lines.push(file.displayPath);
    const rows = file.findings.map((f) => {
      counts[f.severity]++;
      if (f.fixes?.some((x) => x.safe)) fixable++;
      return [`${f.span.start.line + 1}:${f.span.start.column + 1}`, LABEL[f.severity], f.message, f.ruleId];
    });
    // A loop, not Math.max(...rows): spreading 100k+ findings of one file overflows the call stack.
    let width0 = 0;
    let width1 = 0;
    for (const row of rows) {
      width0 = Math.max(width0, row[0].length);
      width1 = Math.max(width1, row[1].length);
    }
    for (const row of rows) lines.push(`  ${row[0].padEnd(width0)}  ${row[1].padEnd(width1)}  ${row[2]}  ${row[3]}`);
    lines.push('');
  }
  for (const entry of report.unreadable) lines.push(`${entry.displayPath}\n  error  cannot read this ${entry.kind}: ${entry.reason}\n`);
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const checked = `${countOf(report.files.length, 'file')} checked`;
  const unread = report.unreadable.length;
  if (unread) lines.push(`✖ ${countOf(unread, 'file or folder', 'files or folders')} could not be read: the check is incomplete`);
  if (total === 0 && !unread) lines.push(`✔ No problems (${checked})`);
  else if (total === 0) lines.push(`  No problems in the ${checked}`);
  else {
    lines.push(`✖ ${countOf(total, 'problem')} (${countOf(counts.error, 'error')}, ${countOf(counts.warning, 'warning')}, ${countOf(counts.info + counts.hint, 'info', 'infos')}) in ${checked}`);
    if (fixable === total) lines.push(`  ${total === 1 ? 'It has' : 'All of them have'} a safe quick fix in the editor.`);
    else if (fixable) lines.push(`  ${fixable} of them ${wordFor(fixable, 'has', 'have')} a safe quick fix in the editor.`);
  }
  return lines.join('\n') + '\n';
}
