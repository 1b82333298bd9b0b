/**
 * Finds the files to lint: walks directories, honours .gitignore files along the way, and skips
 * dependency folders, virtual environments and build output. Folders are visited once by their real path,
 * so symlinks that point back up the tree (or twice at the same folder) neither loop nor repeat files.
 */
import { readFileSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { gitignoreVerdict, parseGitignore, type IgnorePattern } from '../core/paths/gitignore';
import { configGlobMatches } from '../core/paths/configGlob';

/** Folders never worth walking: dependencies, virtualenvs, caches, build output, VCS data. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', 'venv', '.venv', 'env', '.env', 'virtualenv', '__pycache__', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', '.tox', '.nox', 'site-packages', 'dist', 'build', 'out', '.next', '.nuxt', 'coverage',
  '.turbo', '.cache', 'bower_components', '.eggs', 'target', '.vscode-test', 'vendor',
]);

interface IgnoreScope {
  base: string;
  patterns: IgnorePattern[];
}

/** A file or folder that exists but could not be read: the run cannot vouch for it. */
export interface UnreadablePath {
  path: string;
  kind: 'file' | 'folder';
  reason: string;
}

export interface WalkResult {
  /** Files to lint, in walk order, each once. */
  files: string[];
  /** Folders (and named files) that could not be read. */
  unreadable: UnreadablePath[];
  /** Skipped .gitignore patterns and the like: worth telling, not worth failing for. */
  warnings: string[];
}

export interface WalkOptions {
  /** Which files to return. */
  accept: (path: string) => boolean;
  /** Extra globs (relative to `root`) of files and folders to skip (the config's `ignore`). */
  ignoreGlobs?: readonly string[];
  root: string;
}

/** "EACCES: permission denied, scandir '/x'" → "permission denied" (the path is shown separately). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EIO: 'input/output error',
    ELOOP: 'too many levels of symbolic links',
    ENOENT: 'no such file or directory',
    ENOTDIR: 'a parent is not a folder',
    EISDIR: 'is a folder',
    EMFILE: 'too many open files',
    ENAMETOOLONG: 'name too long',
  };
  if (code && known[code]) return known[code];
  return error instanceof Error ? error.message : String(error);
}

function ignored(path: string, isDirectory: boolean, scopes: readonly IgnoreScope[]): boolean {
  let result = false;
  for (const scope of scopes) {
    const rel = relative(scope.base, path).replace(/\\/g, '/');
    if (rel.startsWith('..')) continue;
    const verdict = gitignoreVerdict(scope.patterns, rel, isDirectory);
    if (verdict !== undefined) result = verdict;
  }
  return result;
}

function ancestorsBetween(root: string, path: string): string[] {
  const rel = relative(root, path);
  if (!rel || rel.startsWith('..')) return [];
  const parts = rel.split(/[\\/]/);
  const dirs = [root];
  for (let i = 0; i < parts.length - 1; i++) dirs.push(join(dirs[dirs.length - 1], parts[i]));
  return dirs;
}

/** Walks the given paths; never throws for what it finds on disk, only for a named path that does not exist. */
export function walkFiles(paths: readonly string[], options: WalkOptions): WalkResult {
  const files: string[] = [];
  const unreadable: UnreadablePath[] = [];
  const warnings: string[] = [];
  /** Real paths of the files returned and the folders entered. */
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();
  const isIgnoredByConfig = (path: string) => {
    const rel = relative(options.root, path).replace(/\\/g, '/');
    return !rel.startsWith('..') && (options.ignoreGlobs ?? []).some((glob) => configGlobMatches(glob, rel));
  };
  const gitignoreOf = (directory: string): IgnoreScope[] => {
    const path = join(directory, '.gitignore');
    // Warnings name the file as the user sees it from the root.
    const file = relative(options.root, path).startsWith('..') ? path : relative(options.root, path).replace(/\\/g, '/');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') warnings.push(`${file}: not read (${describeFsError(error)}); its patterns do not apply`);
      return [];
    }
    const parsed = parseGitignore(text);
    for (const warning of parsed.warnings) warnings.push(`${file}:${warning.line}: pattern "${warning.pattern}" skipped: ${warning.reason}`);
    return [{ base: directory, patterns: parsed.patterns }];
  };
  const addFile = (path: string) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      real = path;
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };
  /** `parentReal`: the real path of the folder that listed this one (a link back up to it or above is a loop). */
  const walk = (directory: string, inherited: IgnoreScope[], parentReal?: string) => {
    let real: string;
    let entries: string[];
    try {
      real = realpathSync(directory);
      if (seenFolders.has(real)) return;
      // A symlink to an ancestor ("up -> ..") is a loop even when the walk started below that ancestor.
      if (parentReal !== undefined && (parentReal === real || parentReal.startsWith(real.endsWith(sep) ? real : real + sep))) return;
      seenFolders.add(real);
      entries = readdirSync(directory).sort();
    } catch (error) {
      unreadable.push({ path: directory, kind: 'folder', reason: describeFsError(error) });
      return;
    }
    const scopes = [...inherited, ...gitignoreOf(directory)];
    for (const name of entries) {
      const path = join(directory, name);
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch (error) {
        // A dangling or self-referencing symlink holds nothing to lint; anything else is a path we cannot vouch for.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ELOOP') unreadable.push({ path, kind: 'file', reason: describeFsError(error) });
        continue;
      }
      if (stats.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(name) || ignored(path, true, scopes) || isIgnoredByConfig(path)) continue;
        walk(path, scopes, real);
      } else if (stats.isFile() && options.accept(path) && !ignored(path, false, scopes) && !isIgnoredByConfig(path)) {
        addFile(path);
      }
    }
  };
  for (const given of paths) {
    const path = resolve(options.root, given);
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`No such file or directory: ${given}`);
      unreadable.push({ path, kind: 'file', reason: describeFsError(error) });
      continue;
    }
    if (stats.isDirectory()) {
      // .gitignore files of the folders between the project root and the walk root still apply.
      const inherited = ancestorsBetween(options.root, path).flatMap(gitignoreOf);
      walk(path, inherited);
    } else if (!stats.isFile()) {
      // A FIFO or device named on the command line would block the read forever.
      if (options.accept(path)) unreadable.push({ path, kind: 'file', reason: 'not a regular file' });
    } else if (options.accept(path)) addFile(path);
  }
  return { files, unreadable, warnings };
}

/** Files under the given paths (files given explicitly are returned when accepted, even if ignored). */
export function collectFiles(paths: readonly string[], options: WalkOptions): string[] {
  return walkFiles(paths, options).files;
}
