/**
 * Finds the files to lint: walks directories, honours .gitignore files along the way, and skips
 * dependency folders, virtual environments and build output.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { globToRegExp } from '../core/config/glob';

/** Folders never worth walking: dependencies, virtualenvs, caches, build output, VCS data. */
const SKIPPED_DIRECTORIES = new Set([
  'node_modules', '.git', '.hg', '.svn', 'venv', '.venv', 'env', '.env', 'virtualenv', '__pycache__', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', '.tox', '.nox', 'site-packages', 'dist', 'build', 'out', '.next', '.nuxt', 'coverage',
  '.turbo', '.cache', 'bower_components', '.eggs', 'target', '.vscode-test',
]);

interface IgnoreRule {
  base: string;
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
}

function gitignoreRules(directory: string): IgnoreRule[] {
  const file = join(directory, '.gitignore');
  if (!existsSync(file)) return [];
  const rules: IgnoreRule[] = [];
  for (const raw of readFileSync(file, 'utf8').split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    line = line.replace(/\/+$/, '');
    // A leading or inner slash anchors the pattern to the .gitignore's folder.
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const regex = anchored ? globToRegExp(`./${line}`) : globToRegExp(line);
    rules.push({ base: directory, regex, negated, directoryOnly });
  }
  return rules;
}

function ignored(path: string, isDirectory: boolean, rules: IgnoreRule[]): boolean {
  let result = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    const rel = relative(rule.base, path).replace(/\\/g, '/');
    if (rel.startsWith('..')) continue;
    if (rule.regex.test(rel) || rule.regex.test(`./${rel}`)) result = !rule.negated;
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

export interface WalkOptions {
  /** Which files to return. */
  accept: (path: string) => boolean;
  /** Extra globs (relative to `root`) of files and folders to skip (the config's `ignore`). */
  ignoreGlobs?: readonly string[];
  root: string;
}

/** Files under the given paths (files given explicitly are returned when accepted, even if ignored). */
export function collectFiles(paths: readonly string[], options: WalkOptions): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const extra = (options.ignoreGlobs ?? []).map((g) => globToRegExp(g));
  const isIgnoredByConfig = (path: string) => {
    const rel = relative(options.root, path).replace(/\\/g, '/');
    return !rel.startsWith('..') && extra.some((r) => r.test(rel));
  };
  const walk = (directory: string, inherited: IgnoreRule[]) => {
    const rules = [...inherited, ...gitignoreRules(directory)];
    let entries: string[];
    try {
      entries = readdirSync(directory).sort();
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(directory, name);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue;
      }
      if (stats.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(name) || ignored(path, true, rules) || isIgnoredByConfig(path)) continue;
        walk(path, rules);
      } else if (stats.isFile() && options.accept(path) && !ignored(path, false, rules) && !isIgnoredByConfig(path) && !seen.has(path)) {
        seen.add(path);
        out.push(path);
      }
    }
  };
  for (const given of paths) {
    const path = resolve(options.root, given);
    if (!existsSync(path)) throw new Error(`No such file or directory: ${given}`);
    if (statSync(path).isDirectory()) {
      // .gitignore files of the folders between the project root and the walk root still apply.
      const inherited = ancestorsBetween(options.root, path).flatMap(gitignoreRules);
      walk(path, inherited);
    } else if (options.accept(path) && !seen.has(path)) {
      seen.add(path);
      out.push(path);
    }
  }
  return out;
}
