/** Entry point of a lint worker thread: indexes and reviews the files the pool hands it (see workerProtocol). */
import { parentPort } from 'node:worker_threads';
import { sharedParsers, type Parsers } from '../../../core/parsing/parsers';
import { WorkspaceIndex, indexFile, type FileAnalysis } from '../../../core/review';
import { diskGrammarSource } from '../../../node/grammarFiles';
import { lintLoaded } from '../lintFiles';
import { isWorkerRequest, type IndexRequest, type ReviewRequest, type WorkerReply } from './workerProtocol';

/** Analyses from the index request, reused by the review request of the same run. */
const analyses = new Map<string, FileAnalysis>();

function index(parsers: Parsers, request: IndexRequest): WorkerReply {
  analyses.clear();
  const results = request.files.map((file) => {
    const indexed = indexFile(parsers, file);
    if (!indexed) return { reusable: false };
    const reusable = !indexed.analysis.truncated;
    if (reusable) analyses.set(indexed.summary.path, indexed.analysis);
    return { summary: indexed.summary, reusable };
  });
  return { type: 'indexed', results };
}

function review(parsers: Parsers, request: ReviewRequest): WorkerReply {
  for (const path of request.stale) analyses.delete(path);
  const workspace = WorkspaceIndex.fromSummaries(request.summaries);
  const environment = { parsers, config: request.config, timeBudgetMs: request.timeBudgetMs, workspace, analyses };
  const outcomes = request.files.map((file) => lintLoaded(file, environment));
  analyses.clear();
  return { type: 'reviewed', outcomes };
}

function start(): void {
  const port = parentPort;
  if (!port) throw new Error('lintWorker runs only as a worker thread');
  const ready = sharedParsers(diskGrammarSource);
  ready.then(
    () => port.postMessage({ type: 'ready' } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ type: 'failed', message: `cannot load the grammars: ${error instanceof Error ? error.message : String(error)}` } satisfies WorkerReply),
  );
  port.on('message', (message: unknown) => {
    ready.then(
      (parsers) => {
        let reply: WorkerReply;
        try {
          if (!isWorkerRequest(message)) throw new Error('malformed request');
          reply = message.type === 'index' ? index(parsers, message) : review(parsers, message);
        } catch (error) {
          reply = { type: 'failed', message: error instanceof Error ? error.message : String(error) };
        }
        port.postMessage(reply);
      },
      () => port.postMessage({ type: 'failed', message: 'the grammars did not load' } satisfies WorkerReply),
    );
  });
}

start();
