/** How `redis-review lint` spends its threads: one for small projects, a worker pool when the Redis code is large. */
import { availableParallelism } from 'node:os';
import { isLuaScriptPath } from '../../../core/review';
import { walkFiles } from '../../../node/workspaceFiles';
import { indexInputs, lintSources, readSources, roundOneInputs, type LintReport, type LoadedFile, type SharedLintEnvironment } from '../lintFiles';
import { LintPool, defaultLauncher, type WorkerLauncher } from './lintPool';

/**
 * Below this much Redis-mentioning source, starting workers (each loads the bundle and the grammars and warms up
 * its JIT from cold) costs about what it saves: on 2 cores a cold `lint` broke even near 0.5 MB of Redis code and
 * gained 4% at 0.75 MB, 8% at 1.5 MB and 14% at 3 MB.
 */
export const PARALLEL_MIN_REDIS_BYTES = 512 * 1024;
/** Past a few workers the main thread's merge and round two dominate, and memory grows per worker. */
export const MAX_AUTO_THREADS = 4;

/** How many source files round one of the index parses and analyses, and their size. */
export function redisSources(loaded: readonly LoadedFile[]): { files: number; bytes: number } {
  const files = roundOneInputs(indexInputs(loaded));
  return { files: files.length, bytes: files.reduce((sum, file) => sum + file.text.length, 0) };
}

/**
 * Threads to lint with: what `--jobs` asked for, or by default one per core (up to 4) once the Redis code is
 * large; never more than there are Redis files to share out.
 */
export function threadsFor(requested: number | undefined, cores: number, redis: { files: number; bytes: number }): number {
  const wanted = requested ?? (cores < 2 || redis.bytes < PARALLEL_MIN_REDIS_BYTES ? 1 : Math.min(cores, MAX_AUTO_THREADS));
  return Math.max(1, Math.min(wanted, redis.files));
}

export interface LintProjectOptions {
  /** `--jobs`: threads to use (1 lints in this thread); automatic when absent. */
  jobs?: number;
  launch?: WorkerLauncher;
}

/** Reads and lints files with as many threads as pay off. A pool that fails leaves a notice and the work to this thread. */
export async function lintProject(paths: readonly string[], root: string, cwd: string, environment: SharedLintEnvironment, options: LintProjectOptions = {}): Promise<LintReport> {
  const { loaded, notices, unreadable } = readSources(paths, root, cwd);
  loaded.push(...projectLuaScripts(loaded, root, cwd, environment.config.ignore));
  const report = await lintLoadedSources(loaded, notices, environment, options);
  return { ...report, unreadable };
}

/**
 * The project's `.lua` files the walk did not reach (a file or a subfolder was named), when a source loads a
 * script from a `.lua` file: read for the script rules, never linted. What cannot be read is simply not known.
 */
function projectLuaScripts(loaded: readonly LoadedFile[], root: string, cwd: string, ignoreGlobs: readonly string[]): LoadedFile[] {
  if (!loaded.some((file) => !isLuaScriptPath(file.path) && /\.lua\s*['"`]/i.test(file.text))) return [];
  const known = new Set(loaded.map((file) => file.path));
  let paths: string[];
  try {
    paths = walkFiles([root], { root, accept: isLuaScriptPath, ignoreGlobs }).files.filter((path) => !known.has(path));
  } catch {
    return [];
  }
  return paths.length ? readSources(paths, root, cwd).loaded : [];
}

async function lintLoadedSources(loaded: LoadedFile[], notices: string[], environment: SharedLintEnvironment, options: LintProjectOptions): Promise<LintReport> {
  const threads = threadsFor(options.jobs, availableParallelism(), redisSources(loaded));
  if (threads <= 1) return lintSources(loaded, notices, environment);
  // Workers load their grammars while this thread already indexes its first batches.
  const pool = LintPool.start(threads, options.launch ?? defaultLauncher);
  let failure: string;
  try {
    return await pool.lintSources(loaded, notices, environment);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    // Before any fallback: workers still busy with a failed run must not compete with it.
    await pool.close();
  }
  return lintSources(loaded, [...notices, `could not lint on ${threads} threads (${failure}); linted on one thread instead`], environment);
}
