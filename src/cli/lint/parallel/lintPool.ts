/**
 * Lints on several threads: this one and worker threads. Round one of the workspace index is cut into batches of
 * Redis files that each thread pulls as it goes (a worker still starting, or a slower thread, simply takes fewer);
 * each thread keeps the analyses it made. This thread merges the summaries in file order and runs round two (few
 * files, and order-dependent) itself, then each thread reviews its share with the finished index. The report is
 * the one `lintSources` makes in one thread, file for file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { languageForPath } from '../../../core/parsing/languages';
import { WorkspaceIndex, indexUnreadFileFacts, mentionsRedis, normalizePath, reindexImporters } from '../../../core/review';
import { assembleReport, indexInputs, lintLoaded, luaScriptInputs, roundOneInputs, type FileOutcome, type LintReport, type LoadedFile, type SharedLintEnvironment } from '../lintFiles';
import { LintShare } from './lintShare';
import { parseWorkerReply, type IndexedReply, type WorkerReply, type WorkerRequest } from './workerProtocol';

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

/** Characters of source per batch: small enough that the last batches even out, big enough to keep messages few. */
const BATCH_CHARS = 48 * 1024;
/** Batches a worker holds at once, so it never waits for this thread (busy with its own batch) to hand out the next. */
const BATCHES_IN_FLIGHT = 2;

/** A worker thread; requests may queue up (it answers them in order), even before it has loaded its grammars. */
class PoolWorker {
  private readonly waiting: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void; expected: number }[] = [];
  private failure?: Error;
  private started = false;
  private markReady!: () => void;
  private markFailed!: (error: Error) => void;
  readonly ready: Promise<void>;

  constructor(private readonly worker: Worker) {
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.markFailed = reject;
    });
    // Whoever waits for the worker sees the failure through its request; this keeps it from being "unhandled".
    this.ready.catch(() => undefined);
    worker.on('message', (message: unknown) => this.receive(message));
    worker.on('error', (error) => this.fail(error instanceof Error ? error : new Error(String(error))));
    worker.on('exit', (code) => this.fail(new Error(`lint worker exited (code ${code})`)));
  }

  request(message: WorkerRequest, expected: number): Promise<WorkerReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject, expected });
      this.worker.postMessage(message);
    });
  }

  terminate(): Promise<number> {
    this.fail(new Error('lint pool closed'));
    return this.worker.terminate();
  }

  private receive(message: unknown): void {
    // The answer is for the oldest request still waiting (the first message, before any, says the worker is ready).
    const next = this.started ? this.waiting[0] : undefined;
    try {
      const reply = parseWorkerReply(message, next?.expected);
      if (!this.started) {
        if (reply.type !== 'ready') throw new Error(reply.type === 'failed' ? reply.message : 'lint worker did not start');
        this.started = true;
        this.markReady();
        return;
      }
      if (!next) throw new Error('lint worker sent a message nobody asked for');
      this.waiting.shift();
      if (reply.type === 'failed') next.reject(new Error(`lint worker failed: ${reply.message}`));
      else next.resolve(reply);
    } catch (error) {
      // A worker that breaks the protocol cannot be trusted with the rest of the run: every waiting request fails.
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.markFailed(this.failure);
    for (const pending of this.waiting.splice(0)) pending.reject(this.failure);
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

/** Consecutive runs of files of about BATCH_CHARS each (a bigger file is a batch of its own). */
function batches<T extends { text: string }>(files: readonly T[]): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  let size = 0;
  files.forEach((file, i) => {
    if (current.length && size + file.text.length > BATCH_CHARS) {
      result.push(current);
      current = [];
      size = 0;
    }
    current.push(i);
    size += file.text.length;
  });
  if (current.length) result.push(current);
  return result;
}

/** Lets queued worker replies in between two batches of this thread's own work. */
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs lanes of work together; after the first failure the others stop taking work, and that failure is thrown. */
async function runLanes(lanes: ((stopped: () => boolean) => Promise<void>)[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  const stopped = () => failure !== undefined;
  await Promise.all(
    lanes.map((lane) =>
      lane(stopped).catch((error: unknown) => {
        failure ??= { error };
      }),
    ),
  );
  if (failure) throw failure.error;
}

export class LintPool {
  private constructor(private readonly workers: PoolWorker[]) {}

  /**
   * A pool for `threads` threads: this one (which takes its share of the work) and `threads - 1` workers. The
   * workers load their grammars in the background; work sent meanwhile waits for them.
   */
  static start(threads: number, launch: WorkerLauncher = defaultLauncher): LintPool {
    return new LintPool(Array.from({ length: Math.max(0, threads - 1) }, () => new PoolWorker(launch())));
  }

  /** Resolves when every worker has loaded its grammars; rejects if one cannot start. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ready));
  }

  /** Threads a run uses, this one included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** Lints files already read. Rejects when a worker fails; the caller can then lint in one thread. */
  async lintSources(loaded: readonly LoadedFile[], readNotices: readonly string[], environment: SharedLintEnvironment): Promise<LintReport> {
    const here = new LintShare(environment.parsers);
    const inputs = indexInputs(loaded);
    const roundOne = roundOneInputs(inputs);
    const results = await this.indexRoundOne(roundOne, here);

    // The summaries go into the index in file order, exactly as one thread adds them.
    const workspace = new WorkspaceIndex();
    const analysisOwner = new Map<string, number>();
    roundOne.forEach((_, i) => {
      const { result, thread } = results[i];
      if (!result.summary) return;
      workspace.update(result.summary);
      if (result.reusable) analysisOwner.set(result.summary.path, thread);
    });
    // Facts of files round one did not read (Go key helpers, Python pickling classes), as one thread records them.
    for (const file of inputs) if (!mentionsRedis(file.text)) indexUnreadFileFacts(workspace, file);
    const stale = reindexImporters(environment.parsers, workspace, inputs);
    for (const script of luaScriptInputs(loaded)) workspace.updateLuaScript(script.path, script.text);
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
    const reviewOwner = balance(shared, (entry) => entry.cost, (entry) => entry.owner, this.threads);
    const partOf = (t: number) => shared.filter((_, k) => reviewOwner[k] === t);
    const request = (part: typeof shared) => ({
      config: environment.config,
      timeBudgetMs: environment.timeBudgetMs,
      stale,
      files: part.map(({ file }) => ({ path: file.path, projectPath: file.projectPath, text: file.text })),
    });
    const summaries = workspace.summaries();
    const luaScripts = workspace.luaScripts();
    await runLanes([
      ...this.workers.map((worker, w) => async () => {
        const part = partOf(w);
        const reply = await worker.request({ type: 'review', summaries, luaScripts, ...request(part) }, part.length);
        if (reply.type !== 'reviewed') throw new Error('lint worker answered out of turn');
        part.forEach(({ i }, k) => (outcomes[i] = reply.outcomes[k]));
      }),
      async () => {
        const part = partOf(this.workers.length);
        here.review(request(part), workspace).forEach((outcome, k) => (outcomes[part[k].i] = outcome));
      },
    ]);
    return assembleReport(loaded, outcomes, readNotices);
  }

  /** Round one in batches pulled by every thread; per file, its summary and the thread holding its analysis. */
  private async indexRoundOne(files: readonly { path: string; text: string }[], here: LintShare): Promise<{ result: IndexedReply['results'][number]; thread: number }[]> {
    const queue = batches(files);
    let next = 0;
    const results: { result: IndexedReply['results'][number]; thread: number }[] = new Array(files.length);
    const record = (batch: number[], replies: IndexedReply['results'], thread: number) => batch.forEach((file, k) => (results[file] = { result: replies[k], thread }));
    const fresh = new Set<number>();
    const workerLane = (worker: PoolWorker, w: number) => async (stopped: () => boolean) => {
      while (!stopped() && next < queue.length) {
        const batch = queue[next++];
        const first = !fresh.has(w);
        fresh.add(w);
        const reply = await worker.request({ type: 'index', fresh: first, files: batch.map((i) => files[i]) }, batch.length);
        if (reply.type !== 'indexed') throw new Error('lint worker answered out of turn');
        record(batch, reply.results, w);
      }
    };
    const localLane = async (stopped: () => boolean) => {
      let first = true;
      while (!stopped() && next < queue.length) {
        const batch = queue[next++];
        record(batch, here.index(batch.map((i) => files[i]), first), this.workers.length);
        first = false;
        await yieldToEvents();
      }
    };
    // Worker lanes go first: they post their first batches before this thread starts on its own.
    await runLanes([...this.workers.flatMap((worker, w) => Array.from({ length: BATCHES_IN_FLIGHT }, () => workerLane(worker, w))), localLane]);
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
