/** Options and results of reviewing one source file. */
import type { AnalysisState } from '../analysis/analysisState';
import type { RedisCallSite, WriteSite } from '../analysis/model';
import type { WorkspaceIndex } from '../analysis/workspaceIndex';
import type { ResolvedConfig } from '../config/configShape';
import type { FileContext, Finding } from '../findings';
import type { SourceLanguage } from '../parsing/languages';
import type { Suppression } from './suppressions';

export interface ReviewOptions {
  /** Path of the file (relative to the project root when known; forward or back slashes). */
  path: string;
  language: SourceLanguage;
  config?: ResolvedConfig;
  workspace?: WorkspaceIndex;
  /** Per-file time cap in milliseconds (default 2000): the walk stops and the result is marked truncated. */
  timeBudgetMs?: number;
  /**
   * The review of the same document before its latest edit: statements the edit did not touch keep their
   * analysis (the editor passes this on every keystroke). Ignored when it does not fit.
   */
  previous?: ReviewResult;
  /** Keep what the next review of this document can reuse (`incremental`); implied by `previous`. */
  keepForReuse?: boolean;
}

export interface ReviewResult {
  findings: Finding[];
  callSites: RedisCallSite[];
  writeSites: WriteSite[];
  suppressions: Suppression[];
  context: FileContext;
  /** The per-file time cap was hit: findings cover only part of the file. */
  truncated: boolean;
  /** Rules that threw (a bug, reported instead of crashing the review). */
  ruleErrors: { ruleId: string; message: string }[];
  /** What the next review of this document can reuse (see ReviewOptions.previous). */
  incremental?: AnalysisState;
}
