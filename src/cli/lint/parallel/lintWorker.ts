/** Entry point of a lint worker thread: indexes and reviews the files the pool hands it (see workerProtocol). */
import { parentPort } from 'node:worker_threads';
import { sharedParsers } from '../../../core/parsing/parsers';
import { WorkspaceIndex } from '../../../core/review';
import { diskGrammarSource } from '../../../node/grammarFiles';
import { LintShare } from './lintShare';
import { isWorkerRequest, type WorkerReply, type WorkerRequest } from './workerProtocol';

function answer(share: LintShare, request: WorkerRequest): WorkerReply {
  if (request.type === 'index') return { type: 'indexed', results: share.index(request.files, request.fresh) };
  return { type: 'reviewed', outcomes: share.review(request, WorkspaceIndex.fromSummaries(request.summaries, request.luaScripts)) };
}

function start(): void {
  const port = parentPort;
  if (!port) throw new Error('lintWorker runs only as a worker thread');
  const ready = sharedParsers(diskGrammarSource).then((parsers) => new LintShare(parsers));
  ready.then(
    () => port.postMessage({ type: 'ready' } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ type: 'failed', message: `cannot load the grammars: ${error instanceof Error ? error.message : String(error)}` } satisfies WorkerReply),
  );
  port.on('message', (message: unknown) => {
    ready.then(
      (share) => {
        let reply: WorkerReply;
        try {
          if (!isWorkerRequest(message)) throw new Error('malformed request');
          reply = answer(share, message);
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
