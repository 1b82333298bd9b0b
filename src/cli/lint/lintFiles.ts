/** Reads and lints a list of files: size/binary/encoding guards, the workspace index, then each file's kind. */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { Finding } from '../../core/findings';
import { languageForPath } from '../../core/parsing/languages';
import { buildWorkspaceIndex, type FileAnalysis } from '../../core/review';
import { kindFor, type LintEnvironment } from './fileKinds';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface FileReport {
  /** Absolute path. */
  path: string;
  /** Path shown to the user (relative to the working directory, forward slashes). */
  displayPath: string;
  findings: Finding[];
}

export interface LintReport {
  files: FileReport[];
  /** "path: message" lines for skipped or partially analysed files. */
  notices: string[];
  internalErrors: number;
}

function forwardSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Text of a file, or a reason to skip it. Non-UTF-8 bytes are replaced rather than failing. */
function readText(path: string): { text?: string; skip?: string; note?: string } {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) return { skip: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the 2 MB limit` };
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8000).includes(0)) return { skip: 'skipped: binary file' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), note: 'not valid UTF-8; invalid bytes were replaced' };
  }
}

export function lintFiles(paths: readonly string[], root: string, cwd: string, environment: Omit<LintEnvironment, 'workspace' | 'analyses'>): LintReport {
  const notices: string[] = [];
  const loaded: { path: string; projectPath: string; displayPath: string; text: string }[] = [];
  for (const path of paths) {
    const displayPath = forwardSlashes(relative(cwd, path)) || path;
    try {
      const { text, skip, note } = readText(path);
      if (skip) notices.push(`${displayPath}: ${skip}`);
      if (note) notices.push(`${displayPath}: ${note}`);
      const projectPath = forwardSlashes(relative(root, path));
      if (text !== undefined) loaded.push({ path, projectPath: projectPath.startsWith('..') ? forwardSlashes(path) : projectPath, displayPath, text });
    } catch (error) {
      notices.push(`${displayPath}: cannot read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const analyses = new Map<string, FileAnalysis>();
  const workspace = buildWorkspaceIndex(
    environment.parsers,
    loaded.filter((f) => languageForPath(f.path)).map((f) => ({ path: f.projectPath, text: f.text })),
    analyses,
  );
  const files: FileReport[] = [];
  let internalErrors = 0;
  for (const file of loaded) {
    const kind = kindFor(file.path);
    if (!kind) continue;
    try {
      const result = kind.lint(file.text, file.projectPath, { ...environment, workspace, analyses });
      for (const notice of result.notices) notices.push(`${file.displayPath}: ${notice}`);
      files.push({ path: file.path, displayPath: file.displayPath, findings: result.findings });
    } catch (error) {
      internalErrors++;
      notices.push(`${file.displayPath}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { files, notices, internalErrors };
}
