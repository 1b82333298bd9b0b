/**
 * .gitignore files as git reads them: comments, escapes, trailing spaces, negation, folder-only and anchored
 * patterns. A pattern git cannot use (an unclosed "[", a trailing backslash) is skipped with a warning instead
 * of stopping the walk, and every pattern matches in linear time (wildmatch.ts).
 */
import { compileGlob, matchGlob, type CompiledGlob } from './wildmatch';

export interface IgnorePattern {
  negated: boolean;
  /** Written with a trailing slash: matches folders only. */
  directoryOnly: boolean;
  /** Contains a slash: matched against the path relative to the .gitignore's folder, else against the name. */
  anchored: boolean;
  glob: CompiledGlob & { ok: true };
}

export interface GitignoreWarning {
  /** 1-based line in the .gitignore file. */
  line: number;
  pattern: string;
  reason: string;
}

export interface ParsedGitignore {
  patterns: IgnorePattern[];
  warnings: GitignoreWarning[];
}

/** Trailing spaces are ignored unless the last one is escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ') {
    let backslashes = 0;
    for (let i = end - 2; i >= 0 && line[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 1) break;
    end--;
  }
  return line.slice(0, end);
}

export function parseGitignore(text: string): ParsedGitignore {
  const patterns: IgnorePattern[] = [];
  const warnings: GitignoreWarning[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    let line = trimTrailingSpaces(raw.replace(/\r$/, ''));
    if (!line || line.startsWith('#')) return;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const directoryOnly = line.endsWith('/') && !line.endsWith('\\/');
    if (directoryOnly) line = line.replace(/\/+$/, '');
    const anchored = line.includes('/');
    if (anchored) line = line.replace(/^\/+/, '');
    if (!line) return;
    const glob = compileGlob(line);
    if (!glob.ok) {
      warnings.push({ line: index + 1, pattern: raw.trim(), reason: glob.reason });
      return;
    }
    patterns.push({ negated, directoryOnly, anchored, glob });
  });
  return { patterns, warnings };
}

/** The verdict of these patterns on a path relative to their .gitignore's folder: the last match wins. */
export function gitignoreVerdict(patterns: readonly IgnorePattern[], relativePath: string, isDirectory: boolean): boolean | undefined {
  let verdict: boolean | undefined;
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  for (const pattern of patterns) {
    if (pattern.directoryOnly && !isDirectory) continue;
    if (matchGlob(pattern.glob, pattern.anchored ? relativePath : name)) verdict = !pattern.negated;
  }
  return verdict;
}
