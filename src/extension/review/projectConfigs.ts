/**
 * The resolved review configuration for each document: VS Code settings merged under the nearest
 * `.redis-review.json` of its workspace folder (which wins), plus the root that paths are relative to.
 * Reloaded when a config file or the settings change.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import * as vscode from 'vscode';
import { parseConfigText, resolveConfig, type ConfigProblem, type ResolvedConfig } from '../../core/config';
import { matchesAnyGlob } from '../../core/config/glob';
import { type AnalyzerSettings } from '../../core/editor/analyzerSettings';
import { mergeEditorConfig } from '../../core/editor/editorConfig';
import { RULE_IDS } from '../../core/rules/registry';
import { findProjectConfig } from '../../node/projectConfig';

export interface EffectiveConfig {
  config: ResolvedConfig;
  /** Folder that file paths (context globs, ignore globs) are relative to. */
  root: string;
  /** The `.redis-review.json` in force, if any. */
  file?: string;
  problems: ConfigProblem[];
  /** The file belongs to a workspace folder (only then is the folder indexed for cross-file analysis). */
  inWorkspace: boolean;
}

export class ProjectConfigs {
  private readonly byRoot = new Map<string, EffectiveConfig>();

  constructor(
    private settings: AnalyzerSettings,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** Drops every cached config (settings or a config file changed). */
  reset(settings: AnalyzerSettings): void {
    this.settings = settings;
    this.byRoot.clear();
  }

  /** The configuration for a file, or undefined when the file is outside every workspace folder and untitled. */
  forUri(uri: vscode.Uri): EffectiveConfig {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const start = folder?.uri.fsPath ?? (uri.scheme === 'file' ? dirname(uri.fsPath) : undefined);
    const key = start ?? '';
    let effective = this.byRoot.get(key);
    if (!effective) {
      effective = { ...this.load(start), inWorkspace: folder !== undefined };
      this.byRoot.set(key, effective);
    }
    return effective;
  }

  /** Path of the file as the analyzer should see it: relative to the config root, with forward slashes. */
  relativePath(uri: vscode.Uri, effective: EffectiveConfig): string {
    if (uri.scheme !== 'file' || !effective.root) return uri.path.split('/').pop() ?? uri.path;
    const rel = relative(effective.root, uri.fsPath).replace(/\\/g, '/');
    return rel.startsWith('..') ? uri.fsPath.replace(/\\/g, '/') : rel;
  }

  /** True when the project config's `ignore` globs exclude the file. */
  isIgnored(relativePath: string, effective: EffectiveConfig): boolean {
    return effective.config.ignore.length > 0 && matchesAnyGlob(relativePath, effective.config.ignore);
  }

  private load(start: string | undefined): Omit<EffectiveConfig, 'inWorkspace'> {
    const file = start ? findProjectConfig(start) : undefined;
    let raw: unknown;
    const problems: ConfigProblem[] = [];
    if (file) {
      try {
        raw = parseConfigText(readFileSync(file, 'utf8'));
      } catch (error) {
        problems.push({ path: '', message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    const resolved = resolveConfig(mergeEditorConfig(this.settings, raw), RULE_IDS);
    problems.push(...resolved.problems);
    for (const problem of problems) {
      this.output.warn(`${file ?? 'redisReview.analyzer settings'}${problem.path ? ` (${problem.path})` : ''}: ${problem.message}`);
    }
    return { config: resolved.config, root: file ? dirname(file) : (start ?? ''), file, problems };
  }
}
