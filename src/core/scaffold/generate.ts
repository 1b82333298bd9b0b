/** Turns a pattern id, a language and options into files: pure and deterministic for the same input. */
import { findPattern, SCAFFOLD_PATTERNS } from './registry';
import type { GeneratedFile, ScaffoldLanguage, ScaffoldOptions } from './types';

/** Prefixes are baked into string literals and key names: keep them to characters that need no quoting and no hash tags. */
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export class ScaffoldError extends Error {}

export function validatePrefix(prefix: string): string | undefined {
  if (PREFIX.test(prefix)) return undefined;
  return 'a prefix is 1-64 characters: letters, digits, and _ . : - (it must start with a letter or digit; no braces, quotes or spaces)';
}

export function isScaffoldLanguage(value: string): value is ScaffoldLanguage {
  return value === 'python' || value === 'typescript';
}

export function generateScaffold(patternId: string, language: ScaffoldLanguage, options: ScaffoldOptions = {}): GeneratedFile[] {
  const pattern = findPattern(patternId);
  if (!pattern) throw new ScaffoldError(`unknown pattern "${patternId}"; known: ${SCAFFOLD_PATTERNS.map((p) => p.id).join(', ')}`);
  const templates = pattern.templates[language];
  if (!templates) throw new ScaffoldError(`pattern "${patternId}" has no ${language} template`);
  const prefix = options.prefix ?? pattern.defaultPrefix;
  const problem = validatePrefix(prefix);
  if (problem) throw new ScaffoldError(`invalid prefix "${prefix}": ${problem}`);
  const extension = language === 'python' ? '.py' : '.ts';
  const files: GeneratedFile[] = [{ path: templates.moduleName + extension, role: 'module', content: templates.module(prefix) }];
  if (options.withTests) {
    const testPath = language === 'python' ? `test_${templates.moduleName}.py` : `${templates.moduleName}.test.ts`;
    files.push({ path: testPath, role: 'test', content: templates.test(prefix) });
  }
  return files;
}
