/**
 * Turns an editor text change into the edit description tree-sitter needs to re-parse incrementally.
 * web-tree-sitter parses JS strings as UTF-16, so indices and columns are UTF-16 code units, exactly as
 * editors report them: no byte conversion is needed.
 */

export interface TreePoint {
  row: number;
  column: number;
}

/** The shape `Tree.edit` accepts (web-tree-sitter's Edit). */
export interface TreeEditDescription {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: TreePoint;
  oldEndPosition: TreePoint;
  newEndPosition: TreePoint;
}

/** One contiguous replacement, in the coordinates of the text before the change. */
export interface TextChange {
  /** Offset of the replaced range's start. */
  rangeOffset: number;
  /** Length of the replaced range. */
  rangeLength: number;
  start: TreePoint;
  end: TreePoint;
  /** The inserted text. */
  text: string;
}

/** Where the end of `text` lands when it is inserted at `start`. */
export function pointAfterInsert(start: TreePoint, text: string): TreePoint {
  let row = start.row;
  let lastBreak = -1;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      row++;
      lastBreak = i;
    }
  }
  return lastBreak < 0 ? { row, column: start.column + text.length } : { row, column: text.length - lastBreak - 1 };
}

export function treeEditForChange(change: TextChange): TreeEditDescription {
  return {
    startIndex: change.rangeOffset,
    oldEndIndex: change.rangeOffset + change.rangeLength,
    newEndIndex: change.rangeOffset + change.text.length,
    startPosition: change.start,
    oldEndPosition: change.end,
    newEndPosition: pointAfterInsert(change.start, change.text),
  };
}
