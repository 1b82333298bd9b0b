/** Collects the safe fixes of many findings into one non-overlapping edit list ("Fix all safe problems"). */
import type { Finding, TextEdit } from '../findings';

export interface CombinedFixes {
  /** Edits sorted by start offset, none overlapping another. */
  edits: TextEdit[];
  /** How many findings contributed a fix. */
  fixedCount: number;
  /** Findings whose safe fix collided with an earlier one; running fix-all again picks them up. */
  skippedCount: number;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point would be applied in an undefined order, so they count as overlapping.
  if (a.startOffset === a.endOffset && b.startOffset === b.endOffset) return a.startOffset === b.startOffset;
  return a.startOffset < b.endOffset && b.startOffset < a.endOffset;
}

/** Takes the first safe fix of each finding, in document order, skipping fixes that touch text already fixed. */
export function combineSafeFixes(findings: readonly Finding[]): CombinedFixes {
  const ordered = [...findings].sort((a, b) => a.span.startOffset - b.span.startOffset);
  const accepted: TextEdit[] = [];
  let fixedCount = 0;
  let skippedCount = 0;
  for (const finding of ordered) {
    const fix = finding.fixes?.find((candidate) => candidate.safe);
    if (!fix) continue;
    if (fix.edits.some((edit) => accepted.some((taken) => overlaps(edit, taken)))) {
      skippedCount++;
      continue;
    }
    accepted.push(...fix.edits);
    fixedCount++;
  }
  accepted.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
  return { edits: accepted, fixedCount, skippedCount };
}

/** Applies offset edits to a text (used by tests and by the CLI-style preview of a fix). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.startOffset - a.startOffset);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.startOffset) + edit.newText + result.slice(edit.endOffset);
  return result;
}
