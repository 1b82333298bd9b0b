/**
 * Owns the Redis Review DiagnosticCollection: reviews documents on open, while typing (debounced, with
 * incremental re-parsing) and on save, clears them on close, and keeps each document's latest review
 * for quick fixes and hovers. Files that are not open get diagnostics through `reviewFileOnDisk`.
 */
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { reuseNote } from '../../core/analysis/analysisState';
import { countOf } from '../../core/text/plural';
import type { AnalyzerSettings } from '../../core/editor/analyzerSettings';
import { KeyedDebouncer } from '../../core/editor/keyedDebouncer';
import { languageForEditorId, languageForPath, type SourceLanguage } from '../../core/parsing/languages';
import type { Parsers } from '../../core/parsing/parsers';
import { reviewTree, type ReviewResult } from '../../core/review';
import { DocumentTrees } from './documentTrees';
import { findingDiagnostic } from './findingDiagnostics';
import type { EffectiveConfig, ProjectConfigs } from './projectConfigs';
import type { WorkspaceIndexer } from './workspaceIndexer';

/** The latest review of an open document, tied to the document version it describes. */
export interface DocumentReview {
  version: number;
  language: SourceLanguage;
  result: ReviewResult;
  /** Milliseconds the parse + review took (traced to the output channel). */
  elapsedMs: number;
}

/** Delay before the background index build, and its size cap ("Review Workspace" indexes everything). */
const INDEX_DELAY_MS = 1000;
const BACKGROUND_INDEX_MAX_FILES = 5000;

/** The engine's size limit: larger files are generated or minified, never hand-written Redis code. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

const REVIEWABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

export class DocumentReviewer implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('redis-review');
  private readonly trees = new DocumentTrees();
  private readonly reviews = new Map<string, DocumentReview>();
  private readonly debouncer: KeyedDebouncer<string>;
  private parsers?: Parsers;
  private readonly indexRequested = new Set<string>();
  /** Files reviewed from disk while not open (by "Review Workspace"): their diagnostics follow disk changes. */
  private readonly reviewedOnDisk = new Set<string>();

  constructor(
    private settings: AnalyzerSettings,
    private readonly configs: ProjectConfigs,
    private readonly indexer: WorkspaceIndexer,
    private readonly loadParsers: () => Promise<Parsers>,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.debouncer = new KeyedDebouncer(settings.debounceMs);
  }

  /** The languages a document is reviewed as, or undefined when it is not reviewed at all. */
  languageOf(document: vscode.TextDocument): SourceLanguage | undefined {
    if (!REVIEWABLE_SCHEMES.has(document.uri.scheme)) return undefined;
    return languageForEditorId(document.languageId);
  }

  reviewOf(document: vscode.TextDocument): DocumentReview | undefined {
    const review = this.reviews.get(document.uri.toString());
    return review && review.version === document.version ? review : undefined;
  }

  updateSettings(settings: AnalyzerSettings): void {
    this.settings = settings;
    this.debouncer.setDelay(settings.debounceMs);
  }

  /** Re-reviews every open document (after a settings or config change), or clears all when disabled. */
  async reviewAllOpen(): Promise<void> {
    if (!this.settings.enable) {
      this.debouncer.dispose();
      this.collection.clear();
      this.reviews.clear();
      return;
    }
    for (const document of vscode.workspace.textDocuments) await this.reviewNow(document);
  }

  async onOpen(document: vscode.TextDocument): Promise<void> {
    this.reviewedOnDisk.delete(document.uri.toString());
    await this.reviewNow(document);
  }

  onChange(event: vscode.TextDocumentChangeEvent): void {
    if (!this.languageOf(event.document)) return;
    this.trees.applyChanges(event);
    if (!this.settings.enable || this.settings.run !== 'onType' || event.contentChanges.length === 0) return;
    const document = event.document;
    this.debouncer.schedule(document.uri.toString(), () => void this.reviewNow(document));
  }

  async onSave(document: vscode.TextDocument): Promise<void> {
    await this.reviewNow(document, true);
  }

  onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.debouncer.cancel(key);
    this.trees.forget(document.uri);
    this.reviews.delete(key);
    this.collection.delete(document.uri);
  }

  /**
   * Closing the last tab of a document clears its diagnostics at once (VS Code may keep the document itself
   * open for a while, so onDidCloseTextDocument can come much later); showing it again reviews it again.
   */
  async onTabsChanged(event: vscode.TabChangeEvent): Promise<void> {
    const shown = new Set(
      vscode.window.tabGroups.all.flatMap((group) => group.tabs).flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])),
    );
    for (const tab of event.closed) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const key = tab.input.uri.toString();
      if (shown.has(key) || !this.reviews.has(key)) continue;
      this.debouncer.cancel(key);
      this.reviews.delete(key);
      this.collection.delete(tab.input.uri);
    }
    for (const tab of event.opened) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const key = tab.input.uri.toString();
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === key);
      if (document && !this.reviews.has(key)) await this.reviewNow(document);
    }
  }

  /** Reviews a document immediately (cancels a pending debounced review of it). */
  async reviewNow(document: vscode.TextDocument, saved = false): Promise<DocumentReview | undefined> {
    const language = this.languageOf(document);
    if (!language || document.isClosed) return undefined;
    const key = document.uri.toString();
    this.debouncer.cancel(key);
    if (!this.settings.enable) return undefined;
    this.parsers ??= await this.loadParsers();
    const effective = this.configs.forUri(document.uri);
    const path = this.configs.relativePath(document.uri, effective);
    if (this.configs.isIgnored(path, effective)) {
      this.publish(document.uri, undefined);
      return undefined;
    }
    this.indexInBackground(effective);
    const firstReview = !this.reviews.has(key);
    const started = performance.now();
    const text = document.getText();
    const version = document.version;
    const tree = this.trees.treeFor(this.parsers, document, language, text);
    // The last review of this document lets statements the edit did not touch keep their analysis.
    const result = this.review(tree, text, path, language, effective, { previous: this.reviews.get(key)?.result });
    const review: DocumentReview = { version, language, result, elapsedMs: performance.now() - started };
    if (document.isClosed) return undefined;
    this.reviews.set(key, review);
    this.publish(document.uri, result);
    const note = reuseNote(result.incremental);
    const reused = note ? ` (${note})` : '';
    this.output.trace(`Reviewed ${path} v${version} in ${review.elapsedMs.toFixed(1)} ms${reused}: ${countOf(result.findings.length, 'finding')}`);
    if (saved || firstReview) {
      // Other files see this one's clients and listeners as saved, like a compiler's project view.
      this.indexer.updateFromTree(effective.root, path, language, tree, text);
    }
    return review;
  }

  /**
   * Reviews a file that is not open, from disk, and publishes the result ("Review Workspace", and files it
   * reported that changed on disk afterwards). Files over the engine's size limit or unreadable are cleared.
   */
  async reviewFileOnDisk(uri: vscode.Uri): Promise<ReviewResult | undefined> {
    const language = languageForPath(uri.fsPath);
    if (!language || !this.settings.enable) return undefined;
    const effective = this.configs.forUri(uri);
    const path = this.configs.relativePath(uri, effective);
    let result: ReviewResult | undefined;
    try {
      if (!this.configs.isIgnored(path, effective) && (await stat(uri.fsPath)).size <= MAX_FILE_BYTES) {
        const text = await readFile(uri.fsPath, 'utf8');
        this.parsers ??= await this.loadParsers();
        const tree = this.parsers.parse(language, text);
        try {
          result = this.review(tree, text, path, language, effective);
        } finally {
          tree.delete();
        }
      }
    } catch {
      // Vanished or unreadable: nothing to report for it.
    }
    this.reviewedOnDisk.add(uri.toString());
    this.publish(uri, result);
    return result;
  }

  /** A file changed on disk: if it is not open but has diagnostics from "Review Workspace", refresh them. */
  async onFileChangedOnDisk(uri: vscode.Uri, deleted: boolean): Promise<void> {
    const key = uri.toString();
    if (!this.reviewedOnDisk.has(key) || vscode.workspace.textDocuments.some((document) => document.uri.toString() === key)) return;
    if (deleted) {
      this.reviewedOnDisk.delete(key);
      this.publish(uri, undefined);
    } else {
      await this.reviewFileOnDisk(uri);
    }
  }

  /** Reviews one text with the engine under the effective configuration. */
  /** `open`: the text is an open document's, with its last review: statements an edit did not touch are reused. */
  review(tree: Parameters<typeof reviewTree>[0], text: string, path: string, language: SourceLanguage, effective: EffectiveConfig, open?: { previous?: ReviewResult }): ReviewResult {
    const workspace = this.indexer.indexFor(effective.root);
    const result = reviewTree(tree, text, { path, language, config: effective.config, workspace, previous: open?.previous, keepForReuse: open !== undefined });
    for (const error of result.ruleErrors) this.output.error(`Rule ${error.ruleId} failed on ${path}: ${error.message}`);
    if (result.truncated) this.output.warn(`${path}: review stopped at the per-file time budget; findings cover only part of the file.`);
    return result;
  }

  /**
   * Cross-file facts (a client imported from another module, an error listener attached elsewhere) need the
   * workspace index: build it once per root in the background, then review the open documents again.
   */
  private indexInBackground(effective: EffectiveConfig): void {
    // A loose file's folder may be a home directory: never walk outside the workspace uninvited.
    if (!effective.root || !effective.inWorkspace || this.indexRequested.has(effective.root)) return;
    this.indexRequested.add(effective.root);
    const started = performance.now();
    // Start after a pause, so the first reviews after activation do not compete with the folder walk.
    const afterPause = new Promise<void>((resolve) => setTimeout(resolve, INDEX_DELAY_MS));
    void afterPause.then(() => this.indexer.ensureBuilt(effective.root, effective.config.ignore, { cancelled: () => false, maxFiles: BACKGROUND_INDEX_MAX_FILES })).then(
      async (completed) => {
        if (!completed) return;
        this.output.info(`Indexed ${effective.root} for cross-file analysis in ${(performance.now() - started).toFixed(0)} ms`);
        for (const document of vscode.workspace.textDocuments) {
          // With run = onSave, unsaved text is only reviewed when the user saves.
          if (this.settings.run === 'onSave' && document.isDirty) continue;
          if (this.reviews.has(document.uri.toString()) && this.configs.forUri(document.uri).root === effective.root) await this.reviewNow(document);
        }
      },
      (error: unknown) => this.output.error(`Indexing ${effective.root} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  /** Forgets background index builds (the configuration changed which files count). */
  resetIndex(): void {
    this.indexRequested.clear();
    this.indexer.reset();
  }

  private publish(uri: vscode.Uri, result: ReviewResult | undefined): void {
    if (!result || result.findings.length === 0) this.collection.delete(uri);
    else this.collection.set(uri, result.findings.map((finding) => findingDiagnostic(uri, finding)));
  }

  dispose(): void {
    this.debouncer.dispose();
    this.trees.dispose();
    this.collection.dispose();
  }
}
