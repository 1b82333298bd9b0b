/** Conversions from tree-sitter nodes to the shared Span shape. */
import type { Node } from 'web-tree-sitter';
import type { Span } from '../findings';

/**
 * tree-sitter columns count bytes of the UTF-8 text that web-tree-sitter was given as a JS string, which
 * for web-tree-sitter are UTF-16 code units already (it parses the JS string as UTF-16), so indices map 1:1.
 */
export function spanOf(node: Node): Span {
  // endPosition and endIndex are getters that call into Wasm: read each once.
  const start = node.startPosition;
  const end = node.endPosition;
  return {
    start: { line: start.row, column: start.column },
    end: { line: end.row, column: end.column },
    startOffset: node.startIndex,
    endOffset: node.endIndex,
  };
}

/** Span from two offsets of a text (positions are computed by scanning for line breaks). */
export function spanFromOffsets(text: string, startOffset: number, endOffset: number): Span {
  return { start: positionAt(text, startOffset), end: positionAt(text, endOffset), startOffset, endOffset };
}

/** Line starts of the last long text asked about: rules place many findings in the same file, each by offset. */
let indexedText: string | undefined;
let lineStarts: number[] = [];

/** Below this length scanning from the start costs less than indexing the text's lines. */
const INDEX_FROM_LENGTH = 4096;

export function positionAt(text: string, offset: number): { line: number; column: number } {
  if (text.length >= INDEX_FROM_LENGTH) {
    if (text !== indexedText) {
      lineStarts = [0];
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
      indexedText = text;
    }
    // The last line start at or before the offset (a line break at the offset itself still ends the line).
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, column: offset - lineStarts[low] };
  }
  let line = 0;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart };
}

/** Whitespace at the start of the line containing offset. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart, Math.min(text.length, lineStart + 200)));
  return match ? match[0] : '';
}
