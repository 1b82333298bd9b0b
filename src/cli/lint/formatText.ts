/** ESLint-style text output: a block per file with line:col, severity, message and rule id, then a summary. */
import type { Severity } from '../../core/findings';
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
    const width0 = Math.max(...rows.map((r) => r[0].length));
    const width1 = Math.max(...rows.map((r) => r[1].length));
    for (const row of rows) lines.push(`  ${row[0].padEnd(width0)}  ${row[1].padEnd(width1)}  ${row[2]}  ${row[3]}`);
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const checked = `${report.files.length} file${report.files.length === 1 ? '' : 's'} checked`;
  if (total === 0) lines.push(`✔ No problems (${checked})`);
  else {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    lines.push(`✖ ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.info + counts.hint, 'info')}) in ${checked}`);
    if (fixable) lines.push(`  ${fixable} of them have a safe quick fix in the editor.`);
  }
  return lines.join('\n') + '\n';
}
