/**
 * One thread's share of a lint run: it indexes the batches of Redis files it is handed (keeping the analyses),
 * then reviews the files it is handed with the finished index, reusing those analyses. Worker threads and the
 * main thread run it alike.
 */
import type { Parsers } from '../../../core/parsing/parsers';
import { WorkspaceIndex, indexFile, type FileAnalysis } from '../../../core/review';
import { lintLoaded, type FileOutcome } from '../lintFiles';
import type { IndexRequest, IndexedReply, ReviewRequest } from './workerProtocol';

export class LintShare {
  /** Analyses from `index`, reused by the `review` of the same run. */
  private readonly analyses = new Map<string, FileAnalysis>();

  constructor(private readonly parsers: Parsers) {}

  index(files: IndexRequest['files'], fresh: boolean): IndexedReply['results'] {
    if (fresh) this.analyses.clear();
    return files.map((file) => {
      const indexed = indexFile(this.parsers, file);
      if (!indexed) return { reusable: false };
      const reusable = !indexed.analysis.truncated;
      if (reusable) this.analyses.set(indexed.summary.path, indexed.analysis);
      return { summary: indexed.summary, reusable };
    });
  }

  /** Reviews with the finished index, then forgets the run's analyses. */
  review(request: Omit<ReviewRequest, 'type' | 'summaries' | 'luaScripts'>, workspace: WorkspaceIndex): FileOutcome[] {
    for (const path of request.stale) this.analyses.delete(path);
    const environment = { parsers: this.parsers, config: request.config, timeBudgetMs: request.timeBudgetMs, workspace, analyses: this.analyses };
    const outcomes = request.files.map((file) => lintLoaded(file, environment));
    this.analyses.clear();
    return outcomes;
  }
}
