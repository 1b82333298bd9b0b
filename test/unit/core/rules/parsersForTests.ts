/** Loads the real tree-sitter parsers once per test file. */
import { sharedParsers, type Parsers } from '../../../../src/core/parsing/parsers';
import { diskGrammarSource } from '../../../../src/node/grammarFiles';

export function loadParsers(): Promise<Parsers> {
  return sharedParsers(diskGrammarSource);
}
