/**
 * Turns an editor text change into the edit description tree-sitter needs to re-parse incrementally.
 * web-tree-sitter parses JS strings as UTF-16, so indices and columns are UTF-16 code units, exactly as
 * editors report them: no byte conversion is needed.
 */
import type { Tree } from 'web-tree-sitter';

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

/** Leading spaces and tabs of a line, or undefined for a line with no statement on it (blank or a comment alone). */
function statementIndentation(line: string): string | undefined {
  const indentation = /^[ \t]*/.exec(line)![0];
  const rest = line.charCodeAt(indentation.length);
  return Number.isNaN(rest) || rest === 35 /* # */ || rest === 13 /* \r */ ? undefined : indentation;
}

/** How far up a Python edit may be moved: beyond that the change is described as it came. */
const MAX_LINES_UP = 40;

/**
 * A Python change described from the start of an earlier line, so that tree-sitter reuses the rest of the tree.
 * Python's zero-width NEWLINE, INDENT and DEDENT tokens sit at the end of a line and look ahead over the blank
 * lines and the indentation after it. A change starting there (a line typed between two functions, after a block's
 * last line or before its first one) makes tree-sitter-python 0.25 refuse every old node after it and lex the rest
 * of the file again, as long as a whole parse; so does one starting at the first line of a block or at a block's
 * header. Started instead at a statement line whose indentation the statement lines above and below it keep (no such
 * token around it), the same text is re-lexed from there and the nodes after the edit are reused. The text put
 * before the original start is the same before and after the change, so the parse is the one a fresh parse gives;
 * only the re-lexed stretch grows, by a few lines. `lineAt` reads the document's lines above the change (unchanged
 * by it) and the line it starts on; `eol` is the document's line break.
 */
export function changeFromStableLine(change: TextChange, lineAt: (row: number) => string, eol = '\n'): TextChange {
  // The two statement lines below the one looked at (nearest first), and the row of the first.
  let below: string | undefined;
  let belowRow = -1;
  let further: string | undefined;
  for (let row = change.start.row - 1; row >= 0 && row >= change.start.row - MAX_LINES_UP; row--) {
    const indentation = statementIndentation(lineAt(row));
    if (indentation === undefined) continue;
    if (indentation === below && below === further) {
      let before = '';
      for (let line = belowRow; line < change.start.row; line++) before += lineAt(line) + eol;
      before += lineAt(change.start.row).slice(0, change.start.column);
      return {
        rangeOffset: change.rangeOffset - before.length,
        rangeLength: change.rangeLength + before.length,
        start: { row: belowRow, column: 0 },
        end: change.end,
        text: before + change.text,
      };
    }
    further = below;
    below = indentation;
    belowRow = row;
  }
  return change;
}

/** Reads the lines of `text` up to the one holding `offset` (on `row`), walking back from it: as an editor's lineAt. */
export function linesUpTo(text: string, offset: number, row: number): (row: number) => string {
  const starts: number[] = [text.lastIndexOf('\n', offset - 1) + 1];
  return (wanted) => {
    const back = row - wanted;
    while (starts.length <= back && starts[starts.length - 1] > 0) starts.push(text.lastIndexOf('\n', starts[starts.length - 1] - 2) + 1);
    const start = starts[back];
    const end = text.indexOf('\n', start);
    return text.slice(start, end < 0 ? text.length : end);
  };
}

/** A top-level statement of the tree before a change: where it starts, and its node type. */
export interface TopLevelStatement {
  startIndex: number;
  startPosition: TreePoint;
  type: string;
}

/**
 * A Python change whose end is followed by top-level statements that do not start at column 0, extended over them
 * to the next statement at column 0. A line typed at column 0 inside a function ends it: the rest of its body parses
 * as module-level statements at their indentation. When that line is deleted or indented again, the function is
 * whole again, and tree-sitter-python 0.25, told of the change alone, reuses no old node after it and lexes the rest
 * of the file again (as long as a whole parse); told that those statements were replaced by the same text, it lexes
 * them again and reuses every function after them. `following` lists the old tree's top-level statements from the
 * one holding the change's end (see topLevelStatementsFrom); `after(row)` reads an old line from row change.end.row
 * on, from the change's end when row is change.end.row (the text after the change is the same before and after it).
 * Any other change is returned as it came: the statements after it start at column 0 and are reused already.
 */
export function changeOverIndentedStatements(change: TextChange, following: Iterable<TopLevelStatement>, after: (row: number) => string, eol = '\n'): TextChange {
  const oldEnd = change.rangeOffset + change.rangeLength;
  let first = true;
  let indented = false;
  for (const statement of following) {
    if (statement.startPosition.column > 0) indented = true;
    else if (!first && statement.type !== 'comment') {
      if (!indented || statement.startIndex <= oldEnd || statement.startPosition.row <= change.end.row) return change;
      let tail = '';
      for (let row = change.end.row; row < statement.startPosition.row; row++) tail += after(row) + eol;
      return { ...change, rangeLength: statement.startIndex - change.rangeOffset, end: statement.startPosition, text: change.text + tail };
    }
    first = false;
  }
  return change;
}

/** The top-level statements of `tree` from the one holding `index` (or the first after it), read lazily. */
export function* topLevelStatementsFrom(tree: Tree, index: number): Generator<TopLevelStatement> {
  // Not TreeCursor.gotoFirstChildForIndex: in web-tree-sitter 0.25 it reports failure and stays on the first child.
  for (let node = tree.rootNode.firstChildForIndex(index); node; node = node.nextSibling) yield { startIndex: node.startIndex, startPosition: node.startPosition, type: node.type };
}

/** Reads the lines of `text` after `offset` (on `row`) as changeOverIndentedStatements's `after` does: for an editor that kept the text. */
export function linesAfter(text: string, offset: number, row: number): (row: number) => string {
  let at = offset;
  let current = row;
  return (wanted) => {
    while (current < wanted) {
      const next = text.indexOf('\n', at);
      at = next < 0 ? text.length : next + 1;
      current++;
    }
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
}
