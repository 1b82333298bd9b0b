/**
 * The kinds of files `redis-review lint` understands. Each kind says which paths it takes and how to
 * lint one file's text; adding a kind is one entry in FILE_KINDS.
 */
import { lintRedisConf } from '../../core/conf';
import type { ResolvedConfig } from '../../core/config';
import type { Finding } from '../../core/findings';
import { languageForPath } from '../../core/parsing/languages';
import type { Parsers } from '../../core/parsing/parsers';
import type { KeptTrees } from '../../core/analysis/keptTrees';
import type { RecordedAnalysis } from '../../core/analysis/recordedLookup';
import { mightUseRedis, normalizePath, reviewAnalysis, reviewSource, reviewTree, type FileAnalysis, type WorkspaceIndex } from '../../core/review';

export interface LintEnvironment {
  parsers: Parsers;
  config: ResolvedConfig;
  workspace: WorkspaceIndex;
  timeBudgetMs: number;
  /** Analyses made while indexing that the review can reuse (by project path). */
  analyses?: Map<string, FileAnalysis>;
  /** Trees parsed while indexing, for reviews of the same texts (each is released after its review). */
  trees?: KeptTrees;
  /** Round two's analyses, reused when the finished index answers their questions alike (by project path). */
  recorded?: Map<string, RecordedAnalysis>;
}

export interface KindResult {
  findings: Finding[];
  /** Notes for the user about this file (analysis truncated, ...). */
  notices: string[];
}

export interface FileKind {
  name: string;
  accepts(path: string): boolean;
  /** `projectPath` is relative to the project root (decides test/script context and config globs). */
  lint(text: string, projectPath: string, environment: LintEnvironment): KindResult;
}

const sourceFiles: FileKind = {
  name: 'source',
  accepts: (path) => languageForPath(path) !== undefined,
  lint(text, projectPath, environment) {
    const language = languageForPath(projectPath)!;
    const options = { path: projectPath, language, config: environment.config, workspace: environment.workspace, timeBudgetMs: environment.timeBudgetMs };
    const kept = environment.trees;
    const treePath = normalizePath(projectPath);
    const recorded = environment.recorded?.get(treePath);
    const analysis =
      environment.analyses?.get(projectPath) ??
      (recorded && mightUseRedis(text, environment.workspace) && recorded.lookup.answersAlike(environment.workspace) ? recorded.analysis : undefined);
    if (analysis && recorded) kept?.release(treePath);
    const result = analysis
      ? reviewAnalysis(analysis, text, options)
      : kept?.has(treePath, text)
        ? kept.withTree(environment.parsers, language, treePath, text, (tree) => reviewTree(tree, text, options), true)
        : reviewSource(environment.parsers, text, options);
    const notices = result.truncated ? [`analysis stopped after ${environment.timeBudgetMs} ms; findings cover part of the file`] : [];
    for (const error of result.ruleErrors) notices.push(`rule ${error.ruleId} failed: ${error.message}`);
    return { findings: result.findings, notices };
  },
};

const CONF_FILE = /(^|[\\/])(redis|valkey|sentinel)[^\\/]*\.conf$/i;

const redisConfFiles: FileKind = {
  name: 'redis.conf',
  accepts: (path) => CONF_FILE.test(path),
  lint(text, projectPath, environment) {
    const fileName = projectPath.split(/[\\/]/).pop();
    // Undeclared target: lintRedisConf picks it from the file name (valkey*.conf → valkey-8).
    const server = environment.config.serverDeclared ? environment.config.server : undefined;
    return { findings: lintRedisConf(text, { fileName, server }), notices: [] };
  },
};

export const FILE_KINDS: readonly FileKind[] = [sourceFiles, redisConfFiles];

export function kindFor(path: string): FileKind | undefined {
  return FILE_KINDS.find((kind) => kind.accepts(path));
}
