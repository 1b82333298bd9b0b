/**
 * The 1-based lines one rule reports, for rule tests written as whole source files: one file alone, or one file of a
 * small workspace (reviewed with the index of every file, as the CLI and the editor do). The language follows the path.
 */
import { beforeAll } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

export interface SourceFile {
  path: string;
  text: string;
}

/** Call at the top of a test file. */
export function ruleFindingLines(): { inFile(rule: string, file: SourceFile): number[]; inWorkspace(rule: string, files: SourceFile[], index: number): number[] } {
  let parsers: Parsers;
  beforeAll(async () => {
    parsers = await loadParsers();
  });
  const linesOf = (rule: string, file: SourceFile, workspace?: ReturnType<typeof buildWorkspaceIndex>) => {
    const language = languageForPath(file.path);
    if (!language) throw new Error(`no language for ${file.path}`);
    return reviewSource(parsers, file.text, { path: file.path, language, workspace })
      .findings.filter((f) => f.ruleId === rule)
      .map((f) => f.span.start.line + 1);
  };
  return {
    inFile: (rule, file) => linesOf(rule, file),
    inWorkspace: (rule, files, index) => linesOf(rule, files[index], buildWorkspaceIndex(parsers, files)),
  };
}
