/** Small helpers that build fix edits and quote code for the client's language. */
import type { Fix, Span, TextEdit } from '../../findings';
import type { FileModel } from '../../analysis/model';

export function replace(span: Span, newText: string): TextEdit {
  return { startOffset: span.startOffset, endOffset: span.endOffset, newText };
}

export function insertAt(offset: number, newText: string): TextEdit {
  return { startOffset: offset, endOffset: offset, newText };
}

export function fix(description: string, safe: boolean, edits: TextEdit[]): Fix {
  return { description, safe, edits };
}

/** A string literal in the file's language, using the quote style the file already prefers. */
export function quoted(model: FileModel, value: string): string {
  const quote = model.language === 'python' ? (model.text.includes("'") && !model.text.includes('"') ? "'" : '"') : model.text.includes('"') && !model.text.includes("'") ? '"' : "'";
  return quote + value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
}

/** Offset just after the last top-level import line (where a new import may go), or 0. */
export function importInsertionOffset(text: string): number {
  let offset = 0;
  const pattern = /^(?:import |from \S+ import )[^\n]*\n/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > 4000) break;
    offset = match.index + match[0].length;
  }
  return offset;
}

/** Edits that make `os` available in a Python file (nothing when it is already imported). */
export function ensurePythonOsImport(text: string): TextEdit[] {
  if (/^import os\b|^import [\w, ]*\bos\b|^from os import environ/m.test(text)) return [];
  return [insertAt(importInsertionOffset(text), 'import os\n')];
}

export function isPython(model: FileModel): boolean {
  return model.language === 'python';
}
