/** The editor's kept trees: an edited document is re-parsed incrementally, and the old tree is freed after the review. */
import type * as vscode from 'vscode';
import { describe, expect, it, vi } from 'vitest';
import { DocumentTrees } from '../../../../src/extension/review/documentTrees';
import { loadParsers } from '../../core/rules/parsersForTests';

const TEXT = 'import redis\n\nr = redis.Redis()\n\n\ndef load(key):\n    return r.get(key)\n\n\ndef save(key, value):\n    r.set(key, value)\n';

/** The document at a version; `text` gives its lines (as the editor's lineAt) when a change event reads them. */
function documentAt(version: number, text = TEXT): vscode.TextDocument {
  const lines = text.split('\n');
  return { uri: { toString: () => 'file:///app/store.py' }, version, eol: 1, lineAt: (row: number) => ({ text: lines[row] }) } as unknown as vscode.TextDocument;
}

describe('DocumentTrees', () => {
  it('re-parses an edited document from its kept tree and frees the old tree only after the caller is done', async () => {
    const parsers = await loadParsers();
    const trees = new DocumentTrees();
    const first = trees.treeFor(parsers, documentAt(1), 'python', TEXT);
    // A top-level line typed on the blank line between the two functions (a block boundary).
    const offset = TEXT.indexOf('\ndef save');
    const inserted = 'TTL = 60\n';
    const text = TEXT.slice(0, offset) + inserted + TEXT.slice(offset);
    const row = TEXT.slice(0, offset).split('\n').length - 1;
    const column = offset - (TEXT.lastIndexOf('\n', offset - 1) + 1);
    trees.applyChanges({
      document: documentAt(2, text),
      contentChanges: [{ rangeOffset: offset, rangeLength: 0, range: { start: { line: row, character: column }, end: { line: row, character: column } }, text: inserted }],
    } as unknown as vscode.TextDocumentChangeEvent);
    const freed = vi.spyOn(first, 'delete');
    const second = trees.treeFor(parsers, documentAt(2), 'python', text);
    expect(second).not.toBe(first);
    // The review runs on the new tree right after the re-parse: the old one is still there.
    expect(freed).not.toHaveBeenCalled();
    const fresh = parsers.parse('python', text);
    expect(second.rootNode.toString()).toBe(fresh.rootNode.toString());
    fresh.delete();
    await new Promise((resolve) => setImmediate(resolve));
    expect(freed).toHaveBeenCalledTimes(1);
    trees.dispose();
  });

  it('drops the kept tree at once after a missed change event, and parses from scratch', async () => {
    const parsers = await loadParsers();
    const trees = new DocumentTrees();
    const first = trees.treeFor(parsers, documentAt(1), 'python', TEXT);
    const freed = vi.spyOn(first, 'delete');
    // Version 3 arrives after version 1: the event for version 2 was missed, so the kept tree is dropped at once.
    trees.applyChanges({ document: documentAt(3), contentChanges: [{ rangeOffset: 0, rangeLength: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }] } as unknown as vscode.TextDocumentChangeEvent);
    expect(freed).toHaveBeenCalledTimes(1);
    const second = trees.treeFor(parsers, documentAt(3), 'python', `#\n${TEXT}`);
    expect(second.rootNode.toString()).toBe(parsers.parse('python', `#\n${TEXT}`).rootNode.toString());
    await new Promise((resolve) => setImmediate(resolve));
    expect(freed).toHaveBeenCalledTimes(1);
    trees.dispose();
  });
  it('describes a one-change Python edit from an earlier line and re-parses to the tree a fresh parse gives', async () => {
    const parsers = await loadParsers();
    const trees = new DocumentTrees();
    trees.treeFor(parsers, documentAt(1), 'python', TEXT);
    // A line typed after the last line of a function's body, indented as the body.
    const offset = TEXT.indexOf('\n\n\ndef save') + 1;
    const inserted = '    value = 1\n';
    const text = TEXT.slice(0, offset) + inserted + TEXT.slice(offset);
    const row = TEXT.slice(0, offset).split('\n').length - 1;
    const lines: string[] = [];
    const document = documentAt(2, text);
    const lineAt = document.lineAt.bind(document);
    (document as unknown as { lineAt: (row: number) => { text: string } }).lineAt = (line: number) => {
      lines.push(String(line));
      return lineAt(line) as unknown as { text: string };
    };
    trees.applyChanges({ document, contentChanges: [{ rangeOffset: offset, rangeLength: 0, range: { start: { line: row, character: 0 }, end: { line: row, character: 0 } }, text: inserted }] } as unknown as vscode.TextDocumentChangeEvent);
    // Only lines above the change (and the start of its own) were read.
    expect(lines.every((line) => Number(line) <= row)).toBe(true);
    const tree = trees.treeFor(parsers, documentAt(2, text), 'python', text);
    expect(tree.rootNode.toString()).toBe(parsers.parse('python', text).rootNode.toString());
    trees.dispose();
  });

  it('describes the deletion of a line typed at column 0 inside a function over the statements it had cut off', async () => {
    const parsers = await loadParsers();
    const trees = new DocumentTrees();
    const at = TEXT.indexOf('    return r.get');
    const broken = `${TEXT.slice(0, at)}x = 1\n${TEXT.slice(at)}`;
    const row = broken.slice(0, at).split('\n').length - 1;
    const document = documentAt(2, TEXT);
    const edited = vi.fn();
    const kept = trees.treeFor(parsers, documentAt(1, broken), 'python', broken);
    const edit = kept.edit.bind(kept);
    kept.edit = (description) => {
      edited(description);
      edit(description);
    };
    trees.applyChanges({ document, contentChanges: [{ rangeOffset: at, rangeLength: 6, range: { start: { line: row, character: 0 }, end: { line: row + 1, character: 0 } }, text: '' }] } as unknown as vscode.TextDocumentChangeEvent);
    // The old range ends where `def save` starts (the next statement at column 0), the new one as many characters later.
    const described = edited.mock.calls[0][0] as { oldEndIndex: number; newEndIndex: number };
    expect(described.oldEndIndex).toBe(broken.indexOf('def save'));
    expect(described.newEndIndex).toBe(TEXT.indexOf('def save'));
    const tree = trees.treeFor(parsers, documentAt(2, TEXT), 'python', TEXT);
    expect(tree.rootNode.toString()).toBe(parsers.parse('python', TEXT).rootNode.toString());
    trees.dispose();
  });
});
