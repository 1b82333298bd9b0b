/**
 * Lints on several threads: this one and worker threads. Each parses and analyses its share of the Redis files for
 * round one of the workspace index and keeps those analyses; this thread merges the summaries in file order, runs
 * round two (few files, and order-dependent) itself, then each thread reviews its share with the finished index. The
 * report is the one `lintSources` makes in one thread, file for file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { WorkspaceIndex, mentionsRedis, normalizePath, reindexImporters } from '../../../core/review';
import { languageForPath } from '../../../core/parsing/languages';
import { assembleReport, indexInputs, lintLoaded, type FileOutcome, type LintReport, type LoadedFile, type SharedLintEnvironment } from '../lintFiles';
import { LintShare } from './lintShare';
import { parseWorkerReply, type WorkerReply, type WorkerRequest } from './workerProtocol';

/** How to start one worker thread (tests substitute a broken one). */
export type WorkerLauncher = () => Worker;

/** The bundled worker next to dist/cli.js, or the TypeScript source through tsx when running from source. */
export const defaultLauncher: WorkerLauncher = () => {
  const bundled = join(__dirname, 'lintWorker.js');
  if (existsSync(bundled)) return new Worker(bundled);
  // From source (tests, benches) the worker compiles TypeScript with tsx, resolved from here at run time.
  const source = join(__dirname, 'lintWorker.ts');
  return new Worker(`require(require.resolve('tsx/cjs', { paths: [${JSON.stringify(__dirname)}] })); require(${JSON.stringify(source)});`, { eval: true });
};

/** One worker thread with at most one request in flight. */
class PoolWorker {
  private pending?: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void; expected?: number };
  private failure?: Error;
  readonly ready: Promise<void>;

  constructor(private readonly worker: Worker) {
    this.ready = new Promise((resolve, reject) => {
      this.pending = { resolve: (reply) => (reply.type === 'ready' ? resolve() : reject(new Error(reply.type === 'failed' ? reply.message : 'lint worker did not start'))), reject };
    });
    worker.on('message', (message: unknown) => this.settle((expected) => parseWorkerReply(message, expected)));
    worker.on('error', (error) => this.fail(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => this.fail(new Error(`lint worker exited (code ${code})`)));
  }

  request(message: WorkerRequest, expected: number): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('lint worker is busy'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, expected };
      this.worker.postMessage(message);
    });
  }

  terminate(): Promise<number> {
    this.failure ??= new Error('lint pool closed');
    return this.worker.terminate();
  }

  private settle(read: (expected: number | undefined) => WorkerReply): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    try {
      const reply = read(pending.expected);
      if (reply.type === 'failed') pending.reject(new Error(`lint worker failed: ${reply.message}`));
      else pending.resolve(reply);
    } catch (error) {
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(this.failure);
  }
}

/**
 * Spreads work over threads by estimated cost. Items tied to a thread (it holds their analysis) are counted
 * first; the others go, biggest first, to the least loaded thread, so no thread is left with the long tail.
 */
function balance<T>(items: readonly T[], cost: (item: T) => number, owner: (item: T) => number | undefined, threads: number): number[] {
  const load = new Array<number>(threads).fill(0);
  const assigned = new Array<number>(items.length);
  const free: number[] = [];
  items.forEach((item, i) => {
    const tied = owner(item);
    if (tied === undefined) free.push(i);
    else {
      assigned[i] = tied;
      load[tied] += cost(item);
    }
  });
  free.sort((a, b) => cost(items[b]) - cost(items[a]) || a - b);
  for (const i of free) {
    let target = 0;
    for (let t = 1; t < threads; t++) if (load[t] < load[target]) target = t;
    assigned[i] = target;
    load[target] += cost(items[i]);
  }
  return assigned;
}

export class LintPool {
  private constructor(private readonly workers: PoolWorker[]) {}

  /**
   * A pool for `threads` threads: this one (which shares the work while it waits) and `threads - 1` workers,
   * each started and done loading its grammars.
   */
  static async start(threads: number, launch: WorkerLauncher = defaultLauncher): Promise<LintPool> {
    const workers = Array.from({ length: Math.max(0, threads - 1) }, () => new PoolWorker(launch()));
    const pool = new LintPool(workers);
    try {
      await Promise.all(workers.map((w) => w.ready));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Threads a run uses, this one included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Sends each worker its part, then does this thread's part (the last share) while they work. A worker that
   * fails rejects the run only after this thread's part is done, so no rejection goes unobserved.
   */
  private async everyShare<T>(workerPart: (worker: PoolWorker, w: number) => Promise<T>, localPart: () => T): Promise<T[]> {
    const pending = this.workers.map((worker, w) => workerPart(worker, w));
    let local: T;
    try {
      local = localPart();
    } catch (error) {
      await Promise.allSettled(pending);
      throw error;
    }
    return [...(await Promise.all(pending)), local];
  }

  /** Lints files already read. Rejects when a worker fails; the caller can then lint in one thread. */
  async lintSources(loaded: readonly LoadedFile[], readNotices: readonly string[], environment: SharedLintEnvironment): Promise<LintReport> {
    const threads = this.threads;
    const here = new LintShare(environment.parsers);
    const inputs = indexInputs(loaded);
    const roundOne = inputs.filter((file) => mentionsRedis(file.text));
    const indexOwner = balance(roundOne, (file) => file.text.length, () => undefined, threads);
    const shareOf = (t: number) => roundOne.filter((_, i) => indexOwner[i] === t);
    const indexed = await this.everyShare(
      async (worker, w) => {
        const files = shareOf(w);
        const reply = await worker.request({ type: 'index', files }, files.length);
        if (reply.type !== 'indexed') throw new Error('lint worker answered out of turn');
        return new Map(files.map((file, i) => [file, reply.results[i]] as const));
      },
      () => {
        const files = shareOf(threads - 1);
        const results = here.index(files);
        return new Map(files.map((file, i) => [file, results[i]] as const));
      },
    );

    // The summaries go into the index in file order, exactly as one thread adds them.
    const workspace = new WorkspaceIndex();
    const analysisOwner = new Map<string, number>();
    roundOne.forEach((file, i) => {
      const result = indexed[indexOwner[i]].get(file)!;
      if (!result.summary) return;
      workspace.update(result.summary);
      if (result.reusable) analysisOwner.set(result.summary.path, indexOwner[i]);
    });
    const stale = [...reindexImporters(environment.parsers, workspace, inputs)];
    for (const path of stale) analysisOwner.delete(path);

    // Files with a reused analysis go back to the thread holding it; other files that may involve Redis are
    // parsed and analysed again wherever there is room. The rest (no Redis, redis.conf) need no parse: here.
    const outcomes = new Array<FileOutcome>(loaded.length);
    const shared: { file: LoadedFile; i: number; owner?: number; cost: number }[] = [];
    const local = { ...environment, workspace };
    loaded.forEach((file, i) => {
      const owner = analysisOwner.get(normalizePath(file.projectPath));
      if (owner !== undefined) shared.push({ file, i, owner, cost: file.text.length / 8 });
      else if (languageForPath(file.path) && workspace.mightUseRedis(file.text)) shared.push({ file, i, cost: file.text.length });
      else outcomes[i] = lintLoaded(file, local);
    });
    const reviewOwner = balance(shared, (entry) => entry.cost, (entry) => entry.owner, threads);
    const partOf = (t: number) => shared.filter((_, k) => reviewOwner[k] === t);
    const request = (part: typeof shared) => ({
      config: environment.config,
      timeBudgetMs: environment.timeBudgetMs,
      stale,
      files: part.map(({ file }) => ({ path: file.path, projectPath: file.projectPath, text: file.text })),
    });
    const summaries = workspace.summaries();
    await this.everyShare(
      async (worker, w) => {
        const part = partOf(w);
        const reply = await worker.request({ type: 'review', summaries, ...request(part) }, part.length);
        if (reply.type !== 'reviewed') throw new Error('lint worker answered out of turn');
        part.forEach(({ i }, k) => (outcomes[i] = reply.outcomes[k]));
      },
      () => {
        const part = partOf(threads - 1);
        here.review(request(part), workspace).forEach((outcome, k) => (outcomes[part[k].i] = outcome));
      },
    );
    return assembleReport(loaded, outcomes, readNotices);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
