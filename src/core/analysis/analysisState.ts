/** What an analysis keeps for the next analysis of the same document, per language family. */
import type { GoAnalysisState } from './go/goIncremental';
import type { IncrementalState } from './incremental';
import type { JavaAnalysisState } from './java/javaIncremental';

export type AnalysisState = IncrementalState | GoAnalysisState | JavaAnalysisState;

/** The state of a Python or TS/JS analysis (the Go and Java ones are tagged with their `kind`). */
export function scriptState(state: AnalysisState | undefined): IncrementalState | undefined {
  return state && !('kind' in state) ? state : undefined;
}

/**
 * What a re-analysis kept of the previous one, as the editor's log says it: "3 of 40 methods reused". The units
 * differ by language: Java keeps methods and constructors, Go top-level declarations, Python and TS/JS top-level
 * statements. Empty when nothing was kept.
 */
export function reuseNote(state: AnalysisState | undefined): string {
  if (!state?.reusedChunks) return '';
  const units = !('kind' in state) ? 'top-level statements' : state.kind === 'java' ? 'methods and constructors' : 'top-level declarations';
  return `${state.reusedChunks} of ${state.chunks.length} ${units} reused`;
}
