/**
 * Entry point of the Go model builder: a Go syntax tree → the language-neutral FileModel the rules read
 * (go-redis, rueidis and redigo clients), plus the Go facts of the Go-only rules.
 */
import type { Tree } from 'web-tree-sitter';
import type { AnalyzeOptions, FileAnalysis } from '../buildModel';
import { emptyFileAnalysis } from '../emptyAnalysis';
import { scanGoForReuse } from './goIncremental';
import { GoScan } from './goScan';

function wholeScan(tree: Tree, text: string, path: string, deadline: number, workspace: AnalyzeOptions['workspace']): GoScan {
  const scan = new GoScan(tree, text, path, deadline, workspace);
  scan.run();
  scan.markHandOvers();
  return scan;
}

/** Longest function taken as a helper when the command is the only one it sends: a loader that reads one hash and parses it. */
const ONE_COMMAND_HELPER_LINES = 150;

/**
 * Helpers of the file that send one command: their calls inside loops are round trips too. A small function counts
 * by its first command; a longer one only when that command is the only one it sends, outside any loop of its own
 * (a method that reads one record with HGETALL and spends the rest of its body parsing the fields).
 */
function redisHelpers(scan: GoScan, text: string): Map<string, { command: string; span: import('../../findings').Span }> {
  const helpers = new Map<string, { command: string; span: import('../../findings').Span }>();
  const sitesPerFunction = new Map<number, number>();
  for (const site of scan.callSites) if (site.enclosingFunction) sitesPerFunction.set(site.enclosingFunction.span.startOffset, (sitesPerFunction.get(site.enclosingFunction.span.startOffset) ?? 0) + 1);
  // A function that creates the client it talks to (a factory that pings its new client) is a connection per call,
  // client-per-request's concern: looping over configured servers with it is no round trip a pipeline could save.
  const creating = new Set(scan.creations.map((c) => c.enclosingFunction?.span.startOffset));
  for (const site of scan.callSites) {
    const fn = site.enclosingFunction;
    if (!fn || fn.name === '(anonymous)' || site.batched || helpers.has(fn.name) || creating.has(fn.span.startOffset)) continue;
    const lines = fn.span.end.line - fn.span.start.line;
    const onlyCommand = sitesPerFunction.get(fn.span.startOffset) === 1 && !site.loop && !site.anyLoop;
    if (lines > 25 && !(onlyCommand && lines <= ONE_COMMAND_HELPER_LINES)) continue;
    helpers.set(fn.name, { command: site.command, span: site.span });
  }
  void text;
  return helpers;
}

export function analyzeGoTree(tree: Tree, text: string, options: AnalyzeOptions): FileAnalysis {
  const analysis = emptyFileAnalysis(text, options);
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const previous = options.previous && 'kind' in options.previous && options.previous.kind === 'go' ? options.previous : undefined;
  // In an editor the scan goes declaration by declaration, so the next analysis can keep what an edit did not touch.
  const { scan, state } = options.keepForReuse || options.previous ? scanGoForReuse(tree, text, { path: options.path, context: options.context, deadline, previous, workspace: options.workspace }) : { scan: wholeScan(tree, text, options.path, deadline, options.workspace), state: undefined };
  const model = analysis.model;
  model.callSites = scan.callSites;
  model.creations = scan.creations;
  model.importedModules = scan.importedModules;
  model.go = { dials: scan.dials, connectionTakes: scan.takes, clientsPerCall: scan.clientsPerCall, redisHelpers: redisHelpers(scan, text) };
  return { ...analysis, helperCalls: scan.helperCalls, truncated: scan.truncated, incremental: state };
}
