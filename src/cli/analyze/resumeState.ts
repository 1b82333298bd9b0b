/**
 * The file an interrupted `redis-review analyze` leaves behind so `--resume FILE` can continue: the target (as
 * a URL without password), the per-node cursors and everything gathered so far. Key names are data, so the
 * file is created with mode 0600 and replaced atomically (temp file + rename).
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { MemoryCollector, type CollectorSnapshot } from '../../core/memory/memoryCollector';
import { CliFailure, UsageError } from '../command';
import { ANALYZE_EXIT } from './exitCodes';

const KIND = 'redis-review-analyze-state';

export interface ResumeState {
  kind: typeof KIND;
  version: 1;
  /** profileToUrl of the analysed target: never holds a password. */
  target: string;
  /** Options that must match on resume, or the continued report would mix two kinds of run. */
  settings: { exact: boolean; replicas: boolean; cluster: boolean };
  cursors: Record<string, string>;
  collector: CollectorSnapshot;
}

export function saveResumeState(path: string, state: Omit<ResumeState, 'kind' | 'version'>): void {
  const temporary = `${path}.${process.pid}.tmp`;
  // 'wx': a file (or symlink) already at the temporary name is never written through.
  writeFileSync(temporary, JSON.stringify({ kind: KIND, version: 1, ...state }), { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
}

/** Reads and checks a state file for this target and these settings; the collector comes back ready to continue. */
export function loadResumeState(path: string, target: string, settings: ResumeState['settings']): { collector: MemoryCollector; cursors: Record<string, string> } {
  let state: ResumeState;
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as ResumeState;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`--resume ${path}: cannot read the state file (${reason}).`);
  }
  if (state?.kind !== KIND || state.version !== 1) throw new UsageError(`--resume ${path}: not a state file of redis-review analyze.`);
  if (state.target !== target) throw new UsageError(`--resume ${path}: the state was saved for ${state.target}, not ${target}.`);
  for (const [name, value] of Object.entries(settings) as Array<[keyof ResumeState['settings'], boolean]>) {
    if (state.settings[name] !== value) throw new UsageError(`--resume ${path}: the interrupted run ${state.settings[name] ? 'used' : 'did not use'} --${name}; repeat its options.`);
  }
  try {
    return { collector: MemoryCollector.restore(state.collector), cursors: state.cursors };
  } catch (error) {
    throw new CliFailure(`--resume ${path}: the state file is damaged (${(error as Error).message}).`, ANALYZE_EXIT.usage);
  }
}

/** A finished run no longer needs its state. */
export function removeResumeState(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: nothing to clean up.
  }
}
