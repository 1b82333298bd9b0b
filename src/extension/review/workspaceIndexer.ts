/**
 * Keeps a workspace index (clients exported by one file and used by another, error listeners attached
 * elsewhere, commands per key pattern) per project root. Built once in the background without blocking
 * the extension host, then kept current as files are opened and saved.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Tree } from 'web-tree-sitter';
import { WorkspaceIndex, isLuaScriptPath } from '../../core/analysis/workspaceIndex';
import { summarizeTree } from '../../core/analysis/workspaceIndexBuild';
import { languageForPath, type SourceLanguage } from '../../core/parsing/languages';
import type { Parsers } from '../../core/parsing/parsers';
import { collectFiles, walkFiles } from '../../node/workspaceFiles';

/** Files larger than this are skipped by the indexer (the engine skips them too). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Work this long between yields to the event loop, so typing stays responsive while indexing. */
const SLICE_MS = 15;

export interface IndexProgress {
  cancelled(): boolean;
  /** Index at most this many files (the first ones in walk order). */
  maxFiles?: number;
  /** Called after each file of the second (final) round. */
  advanced?(done: number, total: number): void;
}

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the root, forward slashes: what the analyzer sees. */
  relativePath: string;
  language: SourceLanguage;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class WorkspaceIndexer {
  private readonly indexes = new Map<string, WorkspaceIndex>();
  private readonly builds = new Map<string, Promise<boolean>>();

  constructor(private readonly parsers: () => Promise<Parsers>) {}

  /** The index of a root (possibly still being built, or empty). */
  indexFor(root: string): WorkspaceIndex {
    let index = this.indexes.get(root);
    if (!index) {
      index = new WorkspaceIndex();
      this.indexes.set(root, index);
    }
    return index;
  }

  /** The analyzable files under a root, honouring .gitignore and the config's ignore globs. */
  sourceFiles(root: string, ignoreGlobs: readonly string[]): SourceFile[] {
    return collectFiles([root], { root, ignoreGlobs, accept: (path) => languageForPath(path) !== undefined }).map((path) => ({
      path,
      relativePath: relative(root, path).replace(/\\/g, '/'),
      language: languageForPath(path)!,
    }));
  }

  /** The Lua script files under a root (read for scripts the code loads from files, never reviewed themselves). */
  luaScriptFiles(root: string, ignoreGlobs: readonly string[]): string[] {
    return walkFiles([root], { root, ignoreGlobs, accept: isLuaScriptPath }).files;
  }

  /** Builds the index for a root once; later calls share the first build. Resolves false when cancelled. */
  ensureBuilt(root: string, ignoreGlobs: readonly string[], progress: IndexProgress = { cancelled: () => false }): Promise<boolean> {
    let build = this.builds.get(root);
    if (!build) {
      build = this.build(root, this.sourceFiles(root, ignoreGlobs).slice(0, progress.maxFiles ?? Infinity), progress, ignoreGlobs);
      this.builds.set(root, build);
      void build.then((completed) => {
        if (!completed) this.builds.delete(root);
      });
    }
    return build;
  }

  /** Rebuilds a root from the given files (used by "Review Workspace", which lists the files itself). */
  rebuild(root: string, files: readonly SourceFile[], progress: IndexProgress): Promise<boolean> {
    const build = this.build(root, files, progress);
    this.builds.set(root, build);
    return build;
  }

  /** Updates one file's summary (after open or save), from a tree the caller already has. */
  updateFromTree(root: string, relativePath: string, language: SourceLanguage, tree: Tree, text: string): void {
    const index = this.indexFor(root);
    index.update(summarizeTree(tree, text, relativePath, language, index));
  }

  forget(root: string, relativePath: string): void {
    this.indexes.get(root)?.remove(relativePath);
  }

  /** A Lua script file was created, changed or deleted (`undefined`) on disk. */
  async luaScriptChanged(root: string, path: string, deleted: boolean): Promise<void> {
    const relativePath = relative(root, path).replace(/\\/g, '/');
    if (relativePath.startsWith('..')) return;
    const index = this.indexFor(root);
    if (deleted) {
      index.removeLuaScript(relativePath);
      return;
    }
    try {
      const text = await readFile(path, 'utf8');
      if (text.length <= MAX_FILE_BYTES) index.updateLuaScript(relativePath, text);
    } catch {
      index.removeLuaScript(relativePath);
    }
  }

  /** Drops every index and build (the configuration changed what is ignored). */
  reset(): void {
    this.indexes.clear();
    this.builds.clear();
  }

  private async build(root: string, files: readonly SourceFile[], progress: IndexProgress, ignoreGlobs: readonly string[] = []): Promise<boolean> {
    const parsers = await this.parsers();
    const index = this.indexFor(root);
    // Lua files the code may load scripts from: the script rules read them at the loading call.
    for (const path of this.luaScriptFiles(root, ignoreGlobs)) {
      await this.luaScriptChanged(root, path, false);
      if (progress.cancelled()) return false;
    }
    const texts = new Map<string, string>();
    for (const file of files) {
      try {
        const text = await readFile(file.path, 'utf8');
        if (text.length <= MAX_FILE_BYTES && /redis|import|require\(/i.test(text.slice(0, 200_000))) texts.set(file.path, text);
      } catch {
        // Unreadable files contribute nothing to the index.
      }
      if (progress.cancelled()) return false;
    }
    // Two rounds, so clients re-exported through another module are known to the files importing them.
    for (let round = 0; round < 2; round++) {
      let sliceStart = Date.now();
      let done = 0;
      for (const file of files) {
        const text = texts.get(file.path);
        if (text !== undefined) {
          let tree: Tree | undefined;
          try {
            tree = parsers.parse(file.language, text);
            index.update(summarizeTree(tree, text, file.relativePath, file.language, round === 0 ? undefined : index));
          } catch {
            // A file that cannot be parsed contributes nothing.
          } finally {
            tree?.delete();
          }
        }
        done++;
        if (round === 1) progress.advanced?.(done, files.length);
        if (Date.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = Date.now();
          if (progress.cancelled()) return false;
        }
      }
    }
    return true;
  }
}
