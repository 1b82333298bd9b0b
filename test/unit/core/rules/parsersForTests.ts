/** Loads the real tree-sitter parsers once per test file, and reviews sources with them. */
import { expect } from 'vitest';
import { sharedParsers, type Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource, type ReviewOptions } from '../../../../src/core/review';
import { diskGrammarSource } from '../../../../src/node/grammarFiles';

export function loadParsers(): Promise<Parsers> {
  return sharedParsers(diskGrammarSource);
}

/**
 * Lines (1-based) where one rule reports in a source reviewed alone or against a workspace index; a rule that throws
 * fails the test instead of reading as "nothing reported".
 */
export function ruleLines(
  parsers: Parsers,
  ruleId: string,
  source: { path: string; text: string; language: ReviewOptions['language']; workspace?: ReviewOptions['workspace'] },
): number[] {
  const { path, text, language, workspace } = source;
  const result = reviewSource(parsers, text, { path, language, ...(workspace ? { workspace } : {}) });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.span.start.line + 1);
}
