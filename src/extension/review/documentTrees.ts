/**
 * Keeps one tree-sitter tree per open document and feeds it every edit (`tree.edit`), so the next review
 * re-parses incrementally instead of from scratch. Trees live in wasm memory and are freed explicitly.
 */
import type * as vscode from 'vscode';
import type { Tree } from 'web-tree-sitter';
import type { SourceLanguage } from '../../core/parsing/languages';
import type { Parsers } from '../../core/parsing/parsers';
import { changeFromStableLine, changeOverIndentedStatements, pointAfterInsert, topLevelStatementsFrom, treeEditForChange, type TextChange } from '../../core/editor/treeEdit';

interface TrackedTree {
  language: SourceLanguage;
  tree: Tree;
  /** Document version the tree's edits have been brought up to. */
  version: number;
}

/**
 * A Python change as described to tree-sitter (see changeFromStableLine and changeOverIndentedStatements). The
 * document holds the text after the change: its lines above the change are the old ones, and an old line after the
 * change's end is the new one `lineDelta` rows further down (from the change's new end on the line it ends on).
 */
function pythonChange(tree: Tree, document: vscode.TextDocument, change: TextChange, lineBreak: string): TextChange {
  const fromStableLine = changeFromStableLine(change, (row) => document.lineAt(row).text, lineBreak);
  const newEnd = pointAfterInsert(change.start, change.text);
  const lineDelta = newEnd.row - change.end.row;
  const after = (row: number) => {
    const line = document.lineAt(row + lineDelta).text;
    return row === change.end.row ? line.slice(newEnd.column) : line;
  };
  return changeOverIndentedStatements(fromStableLine, topLevelStatementsFrom(tree, change.rangeOffset + change.rangeLength), after, lineBreak);
}

export class DocumentTrees {
  private readonly trees = new Map<string, TrackedTree>();

  /** Applies a change event's edits to the stored tree; drops it when an event was missed. */
  applyChanges(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const tracked = this.trees.get(key);
    if (!tracked || event.contentChanges.length === 0) return;
    if (tracked.version !== event.document.version - 1) {
      this.forget(event.document.uri);
      return;
    }
    // VS Code applies the changes of one event in array order, each against the text left by the previous one.
    const document = event.document;
    const lineBreak = document.eol === 2 ? '\r\n' : '\n';
    for (const change of event.contentChanges) {
      const described: TextChange = {
        rangeOffset: change.rangeOffset,
        rangeLength: change.rangeLength,
        start: { row: change.range.start.line, column: change.range.start.character },
        end: { row: change.range.end.line, column: change.range.end.character },
        text: change.text,
      };
      // A Python edit is described from an earlier line and over the module-level statements at an indentation after
      // it (so that the re-parse reuses the rest of the file); the document's lines around a change are the text it
      // replaced only when the event holds that change alone.
      tracked.tree.edit(treeEditForChange(tracked.language === 'python' && event.contentChanges.length === 1 ? pythonChange(tracked.tree, document, described, lineBreak) : described));
    }
    tracked.version = event.document.version;
  }

  /** A tree for the document's current text: incremental when an edited tree is available. */
  treeFor(parsers: Parsers, document: vscode.TextDocument, language: SourceLanguage, text: string): Tree {
    const key = document.uri.toString();
    const tracked = this.trees.get(key);
    const previous = tracked && tracked.language === language && tracked.version === document.version ? tracked.tree : undefined;
    const tree = parsers.parse(language, text, previous);
    // Freed once the review that follows has been published: after a re-parse that lexed the rest of the file again
    // (an edit at a Python block boundary), freeing the old tree's nodes took 3-6 ms, in the way of the diagnostics.
    if (tracked && tracked.tree !== tree) {
      const old = tracked.tree;
      setImmediate(() => old.delete());
    }
    this.trees.set(key, { language, tree, version: document.version });
    return tree;
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.trees.get(key)?.tree.delete();
    this.trees.delete(key);
  }

  dispose(): void {
    for (const tracked of this.trees.values()) tracked.tree.delete();
    this.trees.clear();
  }
}
