/**
 * Entry point of the Go model builder: a Go syntax tree → the language-neutral FileModel the rules read
 * (go-redis, rueidis and redigo clients), plus the Go facts of the Go-only rules.
 */
import type { Tree } from 'web-tree-sitter';
import type { AnalyzeOptions, FileAnalysis } from '../buildModel';
import { emptyFileAnalysis } from '../emptyAnalysis';
import { GoScan } from './goScan';

/** Helpers of the file that send one command: their calls inside loops are round trips too. */
function redisHelpers(scan: GoScan, text: string): Map<string, { command: string; span: import('../../findings').Span }> {
  const helpers = new Map<string, { command: string; span: import('../../findings').Span }>();
  for (const site of scan.callSites) {
    const fn = site.enclosingFunction;
    if (!fn || fn.name === '(anonymous)' || site.batched || helpers.has(fn.name)) continue;
    // Only small helpers: one whose body is mostly this command.
    if (fn.span.end.line - fn.span.start.line > 25) continue;
    helpers.set(fn.name, { command: site.command, span: site.span });
  }
  void text;
  return helpers;
}

export function analyzeGoTree(tree: Tree, text: string, options: AnalyzeOptions): FileAnalysis {
  const analysis = emptyFileAnalysis(text, options);
  const scan = new GoScan(tree, text, options.path, options.deadline ?? Number.POSITIVE_INFINITY);
  scan.run();
  scan.markHandOvers();
  const model = analysis.model;
  model.callSites = scan.callSites;
  model.creations = scan.creations;
  model.importedModules = scan.importedModules;
  model.go = { dials: scan.dials, connectionTakes: scan.takes, clientsPerCall: scan.clientsPerCall, redisHelpers: redisHelpers(scan, text) };
  return { ...analysis, helperCalls: scan.helperCalls, truncated: scan.truncated };
}
