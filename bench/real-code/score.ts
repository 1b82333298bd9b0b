/** Matches findings to labels (one to one) and adds up precision, recall and F1 per rule. */
import type { LabelledFile } from './labels';

export interface ReportedFinding {
  line: number;
  rule: string;
  confidence?: string;
  message: string;
}

export interface Outcome {
  file: LabelledFile;
  truePositives: { label: LabelledFile['findings'][number]; finding: ReportedFinding }[];
  falsePositives: ReportedFinding[];
  falseNegatives: LabelledFile['findings'];
}

/**
 * Same rule, and the finding's line is the label's line or one of its alternatives; what is left is then
 * matched one line either way (a reviewer's line and the rule's anchor can differ by a wrapped argument).
 */
export function matchFile(file: LabelledFile, findings: readonly ReportedFinding[]): Outcome {
  const unmatched = [...findings];
  const missed: LabelledFile['findings'] = [];
  const matched: Outcome['truePositives'] = [];
  const take = (label: LabelledFile['findings'][number], accepts: (line: number) => boolean): boolean => {
    const index = unmatched.findIndex((f) => f.rule === label.rule && accepts(f.line));
    if (index < 0) return false;
    matched.push({ label, finding: unmatched[index] });
    unmatched.splice(index, 1);
    return true;
  };
  const pending = file.findings.filter((label) => !take(label, (line) => line === label.line || !!label.alt?.includes(line)));
  for (const label of pending) if (!take(label, (line) => Math.abs(line - label.line) <= 1)) missed.push(label);
  return { file, truePositives: matched, falsePositives: unmatched, falseNegatives: missed };
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export function ratios(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Per-rule tallies (and the total under "overall") of a set of outcomes. */
export function tallyByRule(outcomes: readonly Outcome[]): Map<string, Tally> {
  const byRule = new Map<string, Tally>();
  const add = (rule: string, key: keyof Tally) => {
    for (const name of [rule, 'overall']) {
      const t = byRule.get(name) ?? { tp: 0, fp: 0, fn: 0 };
      t[key]++;
      byRule.set(name, t);
    }
  };
  for (const o of outcomes) {
    for (const m of o.truePositives) add(m.label.rule, 'tp');
    for (const f of o.falsePositives) add(f.rule, 'fp');
    for (const l of o.falseNegatives) add(l.rule, 'fn');
  }
  return byRule;
}
