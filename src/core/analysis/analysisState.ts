/** What an analysis keeps for the next analysis of the same document, per language family. */
import type { GoAnalysisState } from './go/goIncremental';
import type { IncrementalState } from './incremental';
import type { JavaAnalysisState } from './java/javaIncremental';

export type AnalysisState = IncrementalState | GoAnalysisState | JavaAnalysisState;

/** The state of a Python or TS/JS analysis (the Go and Java ones are tagged with their `kind`). */
export function scriptState(state: AnalysisState | undefined): IncrementalState | undefined {
  return state && !('kind' in state) ? state : undefined;
}
