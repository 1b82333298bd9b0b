/**
 * Inline suppressions: `# redis-review: disable-next-line keys-command` (Python) and
 * `// redis-review-disable-next-line keys-command` (TS/JS), plus `disable-line` and `disable-file`,
 * each with one or more rule ids (none = all rules) and an optional `-- reason`.
 */
import type { Finding, Span, TextEdit } from '../findings';
import type { SourceLanguage } from '../parsing/languages';
import { spanFromOffsets } from '../analysis/spans';

export type SuppressionKind = 'disable-next-line' | 'disable-line' | 'disable-file';

export interface Suppression {
  kind: SuppressionKind;
  /** Rule ids; empty means every rule. */
  ruleIds: string[];
  /** Zero-based line the comment is on. */
  line: number;
  /** Zero-based line the suppression applies to (-1 for the whole file). */
  targetLine: number;
  span: Span;
  reason?: string;
  /** Set by applySuppressions: the suppression silenced at least one finding. */
  used: boolean;
}

const MARKER = /(#|\/\/|\/\*)[ \t]*redis-review(?::[ \t]*|-|[ \t]+)(disable-next-line|disable-line|disable-file)\b([^\n]*)/g;

export function parseSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('redis-review')) return out;
  MARKER.lastIndex = 0;
  let lineCount = 0;
  let counted = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) {
      lineCount++;
      counted = i + 1;
    }
    const kind = match[2] as SuppressionKind;
    let rest = match[3].replace(/\*\/.*$/, '');
    let reason: string | undefined;
    const dashes = rest.indexOf('--');
    if (dashes >= 0) {
      reason = rest.slice(dashes + 2).trim() || undefined;
      rest = rest.slice(0, dashes);
    }
    const ruleIds = rest.split(/[\s,]+/).filter((id) => /^[a-z][a-z0-9-]*$/.test(id) && id !== 'all');
    out.push({
      kind,
      ruleIds,
      line: lineCount,
      targetLine: kind === 'disable-file' ? -1 : kind === 'disable-line' ? lineCount : lineCount + 1,
      span: spanFromOffsets(text, match.index, match.index + match[0].length),
      reason,
      used: false,
    });
  }
  return out;
}

function covers(suppression: Suppression, finding: Finding): boolean {
  if (suppression.ruleIds.length && !suppression.ruleIds.includes(finding.ruleId)) return false;
  if (suppression.targetLine === -1) return true;
  return finding.span.start.line === suppression.targetLine;
}

/** Drops suppressed findings and marks the suppressions that were used. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[]): Finding[] {
  if (!suppressions.length) return findings;
  return findings.filter((finding) => {
    const matching = suppressions.filter((s) => covers(s, finding));
    for (const s of matching) s.used = true;
    return matching.length === 0;
  });
}

function commentPrefix(language: SourceLanguage): string {
  return language === 'python' ? '# redis-review: ' : '// redis-review-';
}

/**
 * The edit that suppresses a rule on a line (a comment on the line above, merged into an existing
 * disable-next-line comment there) or for the whole file (a comment at the top).
 */
export function suppressionEdit(text: string, language: SourceLanguage, line: number, ruleId: string, scope: 'line' | 'file'): TextEdit {
  const prefix = commentPrefix(language);
  if (scope === 'file') {
    let offset = 0;
    // Keep a shebang and a Python encoding declaration first.
    for (let i = 0; i < 2; i++) {
      const end = text.indexOf('\n', offset);
      const current = text.slice(offset, end < 0 ? text.length : end);
      if (end >= 0 && (current.startsWith('#!') || /^#.*coding[:=]/.test(current))) offset = end + 1;
      else break;
    }
    return { startOffset: offset, endOffset: offset, newText: `${prefix}disable-file ${ruleId}\n` };
  }
  let lineStart = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', lineStart);
    if (next < 0) break;
    lineStart = next + 1;
  }
  if (lineStart > 0) {
    const previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    const previous = text.slice(previousStart, lineStart - 1).replace(/\r$/, '');
    const existing = /redis-review(?::[ \t]*|-|[ \t]+)disable-next-line\b/.exec(previous);
    if (existing) {
      const rest = previous.slice(existing.index + existing[0].length);
      const reason = rest.search(/\s--|\*\//);
      const ids = reason >= 0 ? rest.slice(0, reason) : rest;
      const insertAt = previousStart + existing.index + existing[0].length + ids.trimEnd().length;
      return { startOffset: insertAt, endOffset: insertAt, newText: ids.trim() ? `, ${ruleId}` : ` ${ruleId}` };
    }
  }
  const indentation = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  return { startOffset: lineStart, endOffset: lineStart, newText: `${indentation}${prefix}disable-next-line ${ruleId}\n` };
}
