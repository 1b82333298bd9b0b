/** Reads and lints a list of files: size/binary/encoding guards, the workspace index, then each file's kind. */
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { KeptTrees } from '../../core/analysis/keptTrees';
import type { RecordedAnalysis } from '../../core/analysis/recordedLookup';
import type { Finding } from '../../core/findings';
import { languageForPath } from '../../core/parsing/languages';
import { buildWorkspaceIndex, isLuaScriptPath, mentionsRedis, type FileAnalysis, type LuaScriptFile } from '../../core/review';
import { describeFsError } from '../../node/workspaceFiles';
import { kindFor, type LintEnvironment } from './fileKinds';

/** What every file's lint shares; the workspace index and reusable analyses are built per run. */
export type SharedLintEnvironment = Omit<LintEnvironment, 'workspace' | 'analyses'>;

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface FileReport {
  /** Absolute path. */
  path: string;
  /** Path shown to the user (relative to the working directory, forward slashes). */
  displayPath: string;
  findings: Finding[];
}

/** A file or folder that could not be read: reported in every format, and the run fails. */
export interface UnreadableEntry {
  displayPath: string;
  kind: 'file' | 'folder';
  reason: string;
}

export interface LintReport {
  files: FileReport[];
  /** "path: message" lines for skipped or partially analysed files. */
  notices: string[];
  internalErrors: number;
  /** What could not be read; a report with any is not a clean bill of health. */
  unreadable: UnreadableEntry[];
}

function forwardSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Text of a file, or a reason to skip it. Non-UTF-8 bytes are replaced rather than failing. */
function readText(path: string): { text?: string; skip?: string; note?: string } {
  const stats = statSync(path);
  // Only regular files: reading a FIFO or a device would block or never end.
  if (!stats.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREGULAR' });
  const size = stats.size;
  if (size > MAX_FILE_BYTES) return { skip: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the 2 MB limit` };
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 8000).includes(0)) return { skip: 'skipped: binary file' };
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), note: 'not valid UTF-8; invalid bytes were replaced' };
  }
}

/** One decoder for every file: a decoder not used for streaming keeps no state between texts. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

export interface LoadedFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the project root (decides context and config globs), or the absolute path outside it. */
  projectPath: string;
  displayPath: string;
  text: string;
}

export function displayPathOf(path: string, cwd: string): string {
  return forwardSlashes(relative(cwd, path)) || path;
}

/** Reads the files to lint, in order; skipped files become notices, files that cannot be read are listed apart. */
export function readSources(paths: readonly string[], root: string, cwd: string): { loaded: LoadedFile[]; notices: string[]; unreadable: UnreadableEntry[] } {
  const notices: string[] = [];
  const loaded: LoadedFile[] = [];
  const unreadable: UnreadableEntry[] = [];
  for (const path of paths) {
    const displayPath = displayPathOf(path, cwd);
    try {
      const { text, skip, note } = readText(path);
      if (skip) notices.push(`${displayPath}: ${skip}`);
      if (note) notices.push(`${displayPath}: ${note}`);
      const projectPath = forwardSlashes(relative(root, path));
      if (text !== undefined) loaded.push({ path, projectPath: projectPath.startsWith('..') ? forwardSlashes(path) : projectPath, displayPath, text });
    } catch (error) {
      unreadable.push({ displayPath, kind: 'file', reason: describeFsError(error) });
    }
  }
  return { loaded, notices, unreadable };
}

/** The source files the workspace index is built from, as the index wants them. */
export function indexInputs(loaded: readonly LoadedFile[]): { path: string; text: string }[] {
  return loaded.filter((f) => languageForPath(f.path)).map((f) => ({ path: f.projectPath, text: f.text }));
}

/**
 * The Lua script files read with the sources (by project path), for the scripts the code loads from files; and
 * the `.lua` files a source names by a path that leaves the linted folder (`readFileSync('../lua/x.lua')` in a
 * package of a monorepo), read from disk and keyed by absolute path like other files outside the root.
 */
export function luaScriptInputs(loaded: readonly LoadedFile[]): LuaScriptFile[] {
  const scripts = loaded.filter((f) => isLuaScriptPath(f.path)).map((f) => ({ path: f.projectPath, text: f.text }));
  return scripts.concat(scriptsOutsideRoot(loaded));
}

/** A string literal naming a `.lua` file up the tree: `'../lua/x.lua'`, `"../../scripts/x.lua"`. */
const PARENT_LUA_PATH = /['"`]((?:\.\/)?(?:\.\.\/)+[\w./-]+\.lua)['"`]/g;
const MAX_OUTSIDE_SCRIPTS = 100;

function scriptsOutsideRoot(loaded: readonly LoadedFile[]): LuaScriptFile[] {
  const known = new Set(loaded.map((f) => forwardSlashes(f.path)));
  const out: LuaScriptFile[] = [];
  for (const file of loaded) {
    if (isLuaScriptPath(file.path) || !file.text.includes('.lua') || !languageForPath(file.path)) continue;
    // The root is where the project path starts: reads relative to the working directory start there.
    const projectPath = file.projectPath.startsWith('/') ? undefined : file.projectPath;
    const root = projectPath !== undefined ? file.path.slice(0, file.path.length - projectPath.length) : undefined;
    for (const match of file.text.matchAll(PARENT_LUA_PATH)) {
      for (const base of [dirname(file.path), root]) {
        if (base === undefined || out.length >= MAX_OUTSIDE_SCRIPTS) continue;
        const path = forwardSlashes(resolve(base, match[1]));
        // Inside the root, the file was read with the sources (or left out on purpose by the ignore globs).
        if (known.has(path) || (root !== undefined && path.startsWith(forwardSlashes(root)))) continue;
        known.add(path);
        try {
          const { text } = readText(path);
          if (text !== undefined) out.push({ path, text });
        } catch {
          // No such file from this base: the read is relative to the other one, or to a folder not linted.
        }
      }
    }
  }
  return out;
}

/** The index inputs that round one parses and analyses: those that mention Redis. */
export function roundOneInputs<T extends { text: string }>(inputs: readonly T[]): T[] {
  return inputs.filter((file) => mentionsRedis(file.text));
}

/** One file's outcome: findings (absent when the file is of no kind the linter reads) or an internal error. */
export interface FileOutcome {
  findings?: Finding[];
  /** Notices about this file, without the file name. */
  notices: string[];
  internalError?: string;
}

export function lintLoaded(file: { path: string; projectPath: string; text: string }, environment: LintEnvironment): FileOutcome {
  const kind = kindFor(file.path);
  if (!kind) return { notices: [] };
  try {
    const result = kind.lint(file.text, file.projectPath, environment);
    return { findings: result.findings, notices: result.notices };
  } catch (error) {
    return { notices: [], internalError: error instanceof Error ? error.message : String(error) };
  }
}

/** Puts per-file outcomes (in the files' order) into a report after the reading notices. */
export function assembleReport(loaded: readonly LoadedFile[], outcomes: readonly FileOutcome[], readNotices: readonly string[]): LintReport {
  const notices = [...readNotices];
  const files: FileReport[] = [];
  let internalErrors = 0;
  loaded.forEach((file, i) => {
    const outcome = outcomes[i];
    for (const notice of outcome.notices) notices.push(`${file.displayPath}: ${notice}`);
    if (outcome.internalError !== undefined) {
      internalErrors++;
      notices.push(`${file.displayPath}: internal error: ${outcome.internalError}`);
    } else if (outcome.findings) files.push({ path: file.path, displayPath: file.displayPath, findings: outcome.findings });
  });
  return { files, notices, internalErrors, unreadable: [] };
}

/** Lints files already read, in this thread: build the workspace index, then review each file. */
export function lintSources(loaded: readonly LoadedFile[], readNotices: readonly string[], environment: SharedLintEnvironment): LintReport {
  const analyses = new Map<string, FileAnalysis>();
  const trees = new KeptTrees();
  const recorded = new Map<string, RecordedAnalysis>();
  try {
    const workspace = buildWorkspaceIndex(environment.parsers, indexInputs(loaded), analyses, { trees, recorded });
    for (const script of luaScriptInputs(loaded)) workspace.updateLuaScript(script.path, script.text);
    // One environment for every file: lint reads it and changes nothing in it.
    const shared: LintEnvironment = { ...environment, workspace, analyses, trees, recorded };
    const outcomes = loaded.map((file) => lintLoaded(file, shared));
    return assembleReport(loaded, outcomes, readNotices);
  } finally {
    trees.clear();
  }
}

/** Reads and lints files in this thread. */
export function lintFiles(paths: readonly string[], root: string, cwd: string, environment: SharedLintEnvironment): LintReport {
  const { loaded, notices, unreadable } = readSources(paths, root, cwd);
  return { ...lintSources(loaded, notices, environment), unreadable };
}
