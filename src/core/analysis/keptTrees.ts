/**
 * Syntax trees parsed while indexing, kept for the later passes over the same texts: a lint parsed a Redis
 * file once per round of the index and once more for its review, about a third of its time. A tree lives in
 * the parser's wasm memory, which never shrinks, so only so much source is kept at once; the rest is parsed
 * again when needed.
 */
import type { Tree } from 'web-tree-sitter';
import type { SourceLanguage } from '../parsing/languages';
import type { Parsers } from '../parsing/parsers';

/** Source kept parsed at once: its trees take roughly ten times as much wasm memory. */
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

export class KeptTrees {
  private readonly trees = new Map<string, { text: string; tree: Tree }>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  /**
   * Runs `use` on the tree of `text` (the file at `path`): the kept one, or a fresh parse, kept for later when
   * the budget allows. With `last`, the tree is not needed again and is released after `use`.
   */
  withTree<T>(parsers: Parsers, language: SourceLanguage, path: string, text: string, use: (tree: Tree) => T, last = false): T {
    let entry = this.trees.get(path);
    if (entry && entry.text !== text) {
      this.release(path);
      entry = undefined;
    }
    if (!entry) {
      const tree = parsers.parse(language, text);
      if (last || this.bytes + text.length > this.maxBytes) {
        try {
          return use(tree);
        } finally {
          tree.delete();
        }
      }
      entry = { text, tree };
      this.trees.set(path, entry);
      this.bytes += text.length;
    }
    try {
      return use(entry.tree);
    } finally {
      if (last) this.release(path);
    }
  }

  /** Whether a tree of exactly this text is kept for `path`. */
  has(path: string, text: string): boolean {
    return this.trees.get(path)?.text === text;
  }

  release(path: string): void {
    const entry = this.trees.get(path);
    if (!entry) return;
    this.trees.delete(path);
    this.bytes -= entry.text.length;
    entry.tree.delete();
  }

  /** Frees every kept tree (the run is over, or failed). */
  clear(): void {
    for (const path of [...this.trees.keys()]) this.release(path);
  }
}
