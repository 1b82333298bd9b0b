/**
 * Python's blocks by indentation, read from the text: the rules that ask "is this call inside a loop / a `try` / an
 * `except` clause" answer it without a tree, on the lines above the call.
 */

export interface EnclosingHeader {
  /** The header line without its indentation (`for item in items:`, `except KeyError:`). */
  trimmed: string;
  /** Its indentation. */
  depth: number;
  /** Its index in `lines`. */
  index: number;
  /** The lines from `from` up to the call's line (excluded). */
  lines: string[];
}

/**
 * The lines that open the blocks around the line starting at `lineStart`, innermost first: each one less indented
 * than every line between it and the call. Blank and comment lines are skipped; the walk reads no further back than
 * `from` and ends at a header of no indentation.
 */
export function* enclosingPythonHeaders(text: string, lineStart: number, from = 0): Generator<EnclosingHeader> {
  let indent = /^[ \t]*/.exec(text.slice(lineStart))![0].length;
  const lines = text.slice(from, lineStart).split('\n');
  for (let index = lines.length - 1; index >= 0 && indent > 0; index--) {
    const trimmed = lines[index].trimStart();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const depth = lines[index].length - trimmed.length;
    if (depth >= indent) continue;
    indent = depth;
    yield { trimmed, depth, index, lines };
  }
}
