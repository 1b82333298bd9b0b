/** conf-parse-error: lines Redis cannot tokenize (unbalanced quotes, binary data). */
import type { ConfRule } from '../rule';

export const confParseError: ConfRule = {
  id: 'conf-parse-error',
  code: 'RC001',
  severity: 'error',
  category: 'syntax',
  summary: 'A line Redis cannot read: unbalanced quotes or binary data.',
  rationale: 'Redis stops at the first unreadable line with "FATAL CONFIG FILE ERROR ... Unbalanced quotes in configuration line" and does not start.',
  bad: 'requirepass "s3cret',
  good: 'requirepass "s3cret-with-more-than-32-characters-x"',
  check: (context) => context.parsed.problems.map((problem) => ({ ...problem })),
};
