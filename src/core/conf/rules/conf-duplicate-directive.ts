/** conf-duplicate-directive: a single-valued directive set twice (the last one silently wins). */
import type { ConfRule } from '../rule';

const MULTI_VALUED = new Set(['save', 'user', 'rename-command', 'loadmodule', 'include', 'sentinel', 'client-output-buffer-limit']);

export const confDuplicateDirective: ConfRule = {
  id: 'conf-duplicate-directive',
  code: 'RC008',
  severity: 'warning',
  category: 'syntax',
  summary: 'Single-valued directive set more than once.',
  rationale: 'Redis keeps the last value without a warning; the earlier line misleads readers (often a tuning appended below the stock file).',
  bad: 'maxmemory 1gb\nmaxmemory 2gb',
  good: 'maxmemory 2gb',
  check(context) {
    const seen = new Set<string>();
    const reports = [];
    for (const directive of context.directives) {
      const canonical = context.canonical(directive.name);
      if (MULTI_VALUED.has(canonical) || !context.info(directive.name) || seen.has(canonical)) continue;
      const lines = context.all(canonical);
      if (lines.length < 2) continue;
      seen.add(canonical);
      const winner = lines[lines.length - 1];
      for (const earlier of lines.slice(0, -1)) {
        reports.push({
          message: `"${canonical}" is set again on line ${winner.line + 1}; that later value (${winner.args.map((a) => a.value).join(' ') || '""'}) wins and this line has no effect.`,
          ...context.lineRange(earlier),
          fixes: [{ description: 'Remove this overridden line', safe: true, edits: [{ startOffset: earlier.lineStartOffset, endOffset: Math.min(earlier.lineEndOffset + 1, context.text.length), newText: '' }] }],
        });
      }
    }
    return reports;
  },
};
