/** Finds and loads `.redis-review.json` (the nearest one above the start folder, or an explicit file). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfigText, resolveConfig, type ConfigProblem, type ResolvedConfig } from '../core/config';
import { RULE_IDS } from '../core/rules/registry';

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The file it came from, or undefined for the defaults. */
  path?: string;
  /** Folder the config's globs are relative to (the config's folder, or the start folder). */
  root: string;
  problems: ConfigProblem[];
}

/** The nearest `.redis-review.json` at or above `start`, stopping at a repository root. */
export function findProjectConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (let i = 0; i < 40; i++) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** Loads an explicit config file, or discovers one from `start`. JSON errors become problems. */
export function loadProjectConfig(start: string, explicit?: string): LoadedConfig {
  const path = explicit ? resolve(start, explicit) : findProjectConfig(start);
  if (!path) return { ...resolveConfig(undefined, RULE_IDS), root: resolve(start) };
  if (!existsSync(path)) return { ...resolveConfig(undefined, RULE_IDS), path, root: resolve(start), problems: [{ path: '', message: `config file not found: ${path}` }] };
  let raw: unknown;
  try {
    raw = parseConfigText(readFileSync(path, 'utf8'));
  } catch (error) {
    return { ...resolveConfig(undefined, RULE_IDS), path, root: dirname(path), problems: [{ path: '', message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  return { ...resolveConfig(raw, RULE_IDS), path, root: dirname(path) };
}
