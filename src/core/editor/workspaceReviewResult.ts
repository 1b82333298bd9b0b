/** The one-line result of "Review Workspace", shown when it finishes and written to the log. */
import { countOf } from '../text/plural';

export interface WorkspaceReviewCounts {
  files: number;
  findings: number;
  filesWithFindings: number;
  cancelled: boolean;
}

/** "12 files reviewed: 5 findings in 2 files", "cancelled after 3 files: …", "4 files reviewed: no findings". */
export function workspaceReviewResult(counts: WorkspaceReviewCounts): string {
  const head = counts.cancelled ? `cancelled after ${countOf(counts.files, 'file')}` : `${countOf(counts.files, 'file')} reviewed`;
  const found = counts.findings === 0 ? 'no findings' : `${countOf(counts.findings, 'finding')} in ${countOf(counts.filesWithFindings, 'file')}`;
  return `${head}: ${found}`;
}
