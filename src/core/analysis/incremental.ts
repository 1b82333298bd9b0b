/**
 * Re-analysis after an edit without redoing the whole file. A file's results are produced per top-level
 * statement ("chunk"). After an edit, the chunks before and after the changed region keep their previous
 * outputs, moved to the new offsets, and are not even read from the tree: what they tell the rest of the file
 * (their module-level and self/this bindings with resolved values, their "contribution") stands in for them.
 * The chunks in the region are analysed again; a kept chunk that read a name whose contribution changed is
 * analysed again too (see buildModel). Another file, another workspace index or an edit above the first
 * statement means a whole-file analysis; the result is always the same as a whole-file analysis of the tree.
 */
import type { FileContext, Span } from '../findings';
import { evidenceKey } from './fileEvidence';
import type { LocalCall, LoopCall } from './indirectCalls';
import type { SourceLanguage } from '../parsing/languages';
import { IMPORTS_READ, type Contribution, type Effects } from './effects';
import type { Arg, ArgValue, ClientCreation, Deserialization, ListenerSite, LoopInfo, ReceiverInfo, RedisCallSite } from './model';
import type { WorkspaceLookup } from './workspaceLookup';

/** A top-level statement of the file: the unit whose outputs can be kept across an edit. */
export interface Chunk {
  start: number;
  end: number;
  type: string;
  /**
   * The statement contains a syntax error. How tree-sitter recovers from one can depend on the text around it
   * and on the previous tree, so such a statement is never kept: the same text may have parsed differently.
   */
  hasError: boolean;
}

export interface ChunkOutputs {
  callSites: RedisCallSite[];
  /** Calls of item accessors inside for-loops (see indirectCalls.ts). */
  loopCalls: LoopCall[];
  /** Calls between the file's own functions, by name (see indirectCalls.ts). */
  localCalls: LocalCall[];
  helperCalls: RedisCallSite[];
  listeners: ListenerSite[];
  deserializations: Deserialization[];
  /** Client creations this chunk's calls were traced to, and the file-wide names they read (see Effects). */
  effects: Effects;
  /** What the chunk's module-level and self/this bindings tell the rest of the file (see ClientTracker.contribution). */
  contribution: Contribution[];
}

/** Everything a later analysis of the same document needs to reuse this one. */
export interface IncrementalState {
  text: string;
  path: string;
  language: SourceLanguage;
  context: FileContext;
  workspace?: WorkspaceLookup;
  workspaceGeneration?: number;
  chunks: Chunk[];
  outputs: ChunkOutputs[];
  /** Client creations by call offset. */
  creations: Map<number, ClientCreation>;
  /**
   * Per chunk, the largest offset its outputs refer to (-1 when not measured yet): a chunk that refers to
   * nothing at or after an edit is kept as it is, without a walk through its outputs.
   */
  reach: number[];
  /** How many chunks this analysis took over from the previous one (0 for a whole-file analysis). */
  reusedChunks: number;
  /** The file-level receiver evidence the analysis saw (see receiverEvidence.ts): any change re-analyses all. */
  evidence: string;
}

/** One contiguous replacement turning the previous text into the new one, with line/column shifts for what follows. */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
  delta: number;
  /** 0-based line and column of oldEnd in the previous text. */
  oldEndLine: number;
  oldEndColumn: number;
  lineDelta: number;
  /** Column change for positions on the old end line (after the edit). */
  columnDelta: number;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart };
}

/** Characters compared at once by diffTexts before it compares them one by one. */
const DIFF_BLOCK = 256;

/** The single changed region between two texts (common prefix and suffix), or undefined when they are equal. */
export function diffTexts(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  // Whole blocks are compared natively first (an edit leaves most of a large file equal), then char by char.
  let start = 0;
  while (start + DIFF_BLOCK <= limit && before.startsWith(after.slice(start, start + DIFF_BLOCK), start)) start += DIFF_BLOCK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let suffix = 0;
  while (suffix + DIFF_BLOCK <= limit - start && before.endsWith(after.slice(after.length - suffix - DIFF_BLOCK, after.length - suffix), before.length - suffix)) suffix += DIFF_BLOCK;
  while (suffix < limit - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const oldEnd = before.length - suffix;
  const newEnd = after.length - suffix;
  const oldEndPosition = lineAndColumn(before, oldEnd);
  const newEndPosition = lineAndColumn(after, newEnd);
  return {
    start,
    oldEnd,
    newEnd,
    delta: newEnd - oldEnd,
    oldEndLine: oldEndPosition.line,
    oldEndColumn: oldEndPosition.column,
    lineDelta: newEndPosition.line - oldEndPosition.line,
    columnDelta: newEndPosition.column - oldEndPosition.column,
  };
}

/** Number fields of analysis data that are offsets into the file. */
const OFFSET_FIELDS = new Set(['blockId', 'bindingStart', 'functionStart']);
/** Number-list fields of analysis data that hold offsets (the creations in Effects). */
const OFFSET_LIST_FIELDS = new Set(['creations']);

/** Fields whose objects many call sites share (a client's creation, the enclosing function). */
const SHARED_FIELDS = new Set(['creation', 'enclosingFunction']);

/** Identities that embed an offset of this file ("creation:120", "pipeline:88", "param:40:client", "typed:12"). */
const OFFSET_IDENTITY = /^([a-z]+):(\d+)(?=$|:)/;

function isSpan(value: Record<string, unknown>): value is Record<string, unknown> & Span {
  return typeof value.startOffset === 'number' && typeof value.endOffset === 'number' && typeof value.start === 'object' && typeof value.end === 'object';
}

/**
 * A moved copy built field by field keeps any other field of the original as it is, as a spread copy would (a
 * field added to call sites elsewhere is never lost; it only makes that copy's hidden class differ).
 */
function withOtherFields<T extends object>(moved: T, original: T): T {
  for (const key in original) if (!(key in moved)) moved[key] = original[key];
  return moved;
}

/**
 * Moves offsets, positions and offset-bearing identities found in plain analysis data by an edit. Objects that
 * hold nothing after the edit are returned as they are (most of a file lies before or far from an edit).
 */
export class Rebaser {
  /** Creations and enclosing functions are shared by many call sites: each is moved once. */
  private readonly shared = new Map<object, { moved: unknown; reach: number }>();
  /** Largest offset met (after moving) since the last `measure`. */
  private reach = -1;

  constructor(private readonly edit: TextEdit) {}

  offset(offset: number): number {
    const moved = offset >= this.edit.oldEnd ? offset + this.edit.delta : offset;
    if (moved > this.reach) this.reach = moved;
    return moved;
  }

  /** Whether data whose largest offset is `reach` (-1: unknown) can stay as it is. */
  untouched(reach: number): boolean {
    return this.edit.oldEnd === Infinity || (reach >= 0 && reach < this.edit.oldEnd);
  }

  /** Moves data (a chunk's outputs, or anything else) and tells the largest offset it refers to afterwards. */
  measure<T>(value: T, move: (value: T) => T = (data) => this.value(data)): { moved: T; reach: number } {
    const outer = this.reach;
    this.reach = -1;
    const moved = move(value);
    const reach = this.reach;
    this.reach = Math.max(outer, reach);
    return { moved, reach };
  }

  private position(position: { line: number; column: number }, offset: number): { line: number; column: number } {
    if (offset < this.edit.oldEnd) return position;
    const column = position.line === this.edit.oldEndLine ? position.column + this.edit.columnDelta : position.column;
    return { line: position.line + this.edit.lineDelta, column };
  }

  /** Spans are half-open: one that ends where text was inserted ends before the insertion and stays. */
  private span(span: Span): Span {
    if (span.startOffset >= this.edit.oldEnd) return { start: this.position(span.start, span.startOffset), end: this.position(span.end, span.endOffset), startOffset: this.offset(span.startOffset), endOffset: this.offset(span.endOffset) };
    if (span.endOffset > this.reach) this.reach = span.endOffset;
    if (span.endOffset <= this.edit.oldEnd) return span;
    return { start: span.start, end: this.position(span.end, span.endOffset), startOffset: span.startOffset, endOffset: this.offset(span.endOffset) };
  }

  private identity(identity: string): string {
    const match = OFFSET_IDENTITY.exec(identity);
    if (!match || match[1] === 'name' || match[1] === 'this') return identity;
    // (offset() also records it as reached)
    const moved = this.offset(Number(match[2]));
    return moved === Number(match[2]) ? identity : `${match[1]}:${moved}${identity.slice(match[0].length)}`;
  }

  private offsets(list: number[]): number[] {
    const moved = list.map((offset) => this.offset(offset));
    return moved.some((offset, i) => offset !== list[i]) ? moved : list;
  }

  /**
   * A chunk's outputs, moved field by field (call sites make up most of a file's analysis and are moved on
   * every edit above them, so this is the hot path; anything else goes through the generic `value`).
   */
  outputs(out: ChunkOutputs): ChunkOutputs {
    return {
      callSites: out.callSites.map((site) => this.site(site)),
      loopCalls: out.loopCalls.map((call) => ({ ...call, calleeSpan: this.span(call.calleeSpan), callSpan: this.span(call.callSpan), loop: { ...call.loop, span: this.span(call.loop.span) } })),
      localCalls: out.localCalls,
      helperCalls: out.helperCalls.map((site) => this.site(site)),
      listeners: out.listeners.map((listener) => ({ ...listener, identity: this.identity(listener.identity), span: this.span(listener.span) })),
      deserializations: out.deserializations.map((item) => ({ ...item, span: this.span(item.span) })),
      effects: { creations: this.offsets(out.effects.creations), names: out.effects.names },
      contribution: this.value(out.contribution),
    };
  }

  /**
   * Moved copies are never made as a spread with overriding fields: that gives the copy another hidden class than
   * the object the analysis built, and code reading kept and re-analysed call sites side by side (this walk, the
   * rules) then meets mixed shapes after every edit, which made moving the sites of a 3,000-line file about twice
   * as slow. Call sites and arguments are written out in their builder's field order (same hidden class); other
   * objects are cloned and then assigned, which at least gives all moved copies one shape.
   */
  private site(site: RedisCallSite): RedisCallSite {
    const keywords: Record<string, Arg> = {};
    for (const name in site.keywords) keywords[name] = this.arg(site.keywords[name]);
    // The fields in the order CallSiteBuilder writes them, so that the copy has the hidden class of the original.
    const moved: RedisCallSite = {
      command: site.command,
      method: site.method,
      receiver: this.receiver(site.receiver),
      args: site.args.map((arg) => this.arg(arg)),
      keywords,
      span: this.span(site.span),
      callSpan: this.span(site.callSpan),
      expressionSpan: this.span(site.expressionSpan),
      statementSpan: site.statementSpan && this.span(site.statementSpan),
      indentation: site.indentation,
      blockId: site.blockId >= 0 ? this.offset(site.blockId) : site.blockId,
      enclosingFunction: site.enclosingFunction && this.sharedValue(site.enclosingFunction),
      loop: site.loop && this.loop(site.loop),
      anyLoop: site.anyLoop && this.span(site.anyLoop),
      isLoopIterable: site.isLoopIterable,
      awaited: site.awaited,
      batched: site.batched,
      inTransaction: site.inTransaction,
    };
    return withOtherFields(moved, site);
  }

  private loop(loop: LoopInfo): LoopInfo {
    const moved = { ...loop };
    moved.span = this.span(loop.span);
    return moved;
  }

  private receiver(receiver: ReceiverInfo): ReceiverInfo {
    const moved = { ...receiver };
    moved.identity = this.identity(receiver.identity);
    moved.creation = receiver.creation && this.sharedValue(receiver.creation);
    return moved;
  }

  private arg(arg: Arg): Arg {
    const span = this.span(arg.span);
    // The fields in the order argFromNode writes them (see site()).
    const moved: Arg = { value: this.argValue(arg.value), text: arg.text, span, keyword: arg.keyword, fullSpan: arg.fullSpan === arg.span ? span : this.span(arg.fullSpan) };
    return withOtherFields(moved, arg);
  }

  private argValue(value: ArgValue): ArgValue {
    if (value.kind === 'array') return { kind: 'array', items: value.items.map((item) => this.arg(item)) };
    if (value.kind !== 'object') return value;
    const entries: Record<string, Arg> = {};
    for (const name in value.entries) entries[name] = this.arg(value.entries[name]);
    return { kind: 'object', entries };
  }

  private sharedValue<T extends object>(value: T): T {
    let known = this.shared.get(value);
    if (!known) this.shared.set(value, (known = this.measure(value)));
    else if (known.reach > this.reach) this.reach = known.reach;
    return known.moved as T;
  }

  value<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const moved = this.value(item);
        if (moved !== item) {
          copy ??= value.slice();
          copy[i] = moved;
        }
      }
      return (copy ?? value) as T;
    }
    // Sets and maps in analysis data hold names, not offsets.
    if (value instanceof Set || value instanceof Map) return value;
    const record = value as Record<string, unknown>;
    if (isSpan(record)) return this.span(record) as T;
    let copy: Record<string, unknown> | undefined;
    for (const key in record) {
      const field = record[key];
      let moved: unknown = field;
      if (typeof field === 'object') {
        if (field === null) moved = field;
        else if (OFFSET_LIST_FIELDS.has(key) && Array.isArray(field) && typeof field[0] === 'number') moved = this.offsets(field as number[]);
        else if (SHARED_FIELDS.has(key)) moved = this.sharedValue(field);
        else moved = this.value(field);
      } else if (key === 'identity' && typeof field === 'string') moved = this.identity(field);
      else if (typeof field === 'number' && field >= 0 && OFFSET_FIELDS.has(key)) moved = this.offset(field);
      if (moved !== field) {
        copy ??= { ...record };
        copy[key] = moved;
      }
    }
    return (copy ?? value) as T;
  }
}

/** How the previous analysis maps onto the new tree: which chunks keep their outputs, moved by `rebaser`. */
export interface ReusePlan {
  rebaser: Rebaser;
  /** New chunk index → previous chunk index, for every chunk the edit did not touch. */
  kept: Map<number, number>;
}

export interface AnalysisIdentity {
  text: string;
  path: string;
  language: SourceLanguage;
  context: FileContext;
  workspace?: WorkspaceLookup;
}

/** The import lines of the last two texts: each re-analysis compares the previous text's (read the time before) with the new one's. */
const recentImportLines: { text: string; lines: string }[] = [];

const IMPORT_WORDS = ['import', 'export', 'require'];
/** No match reaches past a line break: one line read alone gives the matches the whole text has on that line. */
const IMPORT_LINES = /^[ \t]*(?:import\b|from[ \t]+\S+[ \t]+import\b|export\b[^\n]*\bfrom\b)[^\n]*|^[^\n]*\brequire[ \t]*\([^\n]*/gm;

/** The file's import and require lines, in order: the libraries a file uses, as far as receiver evidence is concerned. */
export function importLines(text: string): string {
  const known = recentImportLines.find((entry) => entry.text === text);
  if (known) return known.lines;
  // Each match holds import, export or require: only lines found by a substring search are read (the pattern
  // tried every line of the file at every edit).
  const starts = new Set<number>();
  for (const word of IMPORT_WORDS) for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) starts.add(text.lastIndexOf('\n', at) + 1);
  const found: string[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    const matches = line.match(IMPORT_LINES);
    if (matches) found.push(...matches);
  }
  const lines = found.join('\n');
  recentImportLines.unshift({ text, lines });
  recentImportLines.length = Math.min(recentImportLines.length, 2);
  return lines;
}

/**
 * A reuse plan when the new text differs from the previous one in one region: the chunks before it and after
 * it are still there with the same extent (moved by the edit); the chunks in between, however many there were
 * and are now, are analysed again. Whether the kept chunks are still valid is checked after that analysis.
 */
export function planReuse(previous: IncrementalState, current: AnalysisIdentity, chunks: Chunk[]): ReusePlan | undefined {
  if (previous.path !== current.path || previous.language !== current.language || previous.context !== current.context) return undefined;
  if (previous.workspace !== current.workspace || previous.workspaceGeneration !== current.workspace?.generation) return undefined;
  // Receivers judged from evidence read the whole file's text: when that evidence changes, nothing is kept.
  if (previous.evidence !== evidenceKey(current.text)) return undefined;
  // So do the file's imports: they decide which library a receiver taken on evidence belongs to.
  if (importLines(previous.text) !== importLines(current.text)) return undefined;
  const edit = diffTexts(previous.text, current.text);
  if (!edit) {
    if (previous.chunks.length !== chunks.length) return undefined;
    const kept = new Map<number, number>();
    chunks.forEach((chunk, i) => {
      if (!chunk.hasError && !previous.chunks[i].hasError) kept.set(i, i);
    });
    return { rebaser: new Rebaser({ start: 0, oldEnd: Infinity, newEnd: Infinity, delta: 0, oldEndLine: 0, oldEndColumn: 0, lineDelta: 0, columnDelta: 0 }), kept };
  }
  const rebaser = new Rebaser(edit);
  const kept = new Map<number, number>();
  const before = previous.chunks;
  // Top-level statements name the file's root as their block (its start is the first token's): an edit that
  // moves the first token other than by the shift (typing above it) changes that for every statement.
  if (!before.length || !chunks.length || rebaser.offset(before[0].start) !== chunks[0].start) return undefined;
  // Call sites read their whole line (indentation, what follows a statement): a kept chunk must not share a line with the edit.
  let prefix = 0;
  while (prefix < before.length && prefix < chunks.length) {
    const old = before[prefix];
    const now = chunks[prefix];
    if (old.type !== now.type || old.start !== now.start || old.end !== now.end || now.end > edit.start) break;
    const lineEnd = current.text.indexOf('\n', now.end);
    if (lineEnd < 0 || lineEnd >= edit.start) break;
    if (!old.hasError && !now.hasError) kept.set(prefix, prefix);
    prefix++;
  }
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < chunks.length - prefix) {
    const old = before[before.length - 1 - suffix];
    const now = chunks[chunks.length - 1 - suffix];
    if (old.type !== now.type || old.start < edit.oldEnd || now.start < edit.newEnd || old.start + edit.delta !== now.start || old.end + edit.delta !== now.end) break;
    // The chunk's line must start after the edit, in both texts (a line break ending the inserted text counts).
    if (current.text.lastIndexOf('\n', now.start - 1) < edit.newEnd - 1 || previous.text.lastIndexOf('\n', old.start - 1) < edit.oldEnd - 1) break;
    if (!old.hasError && !now.hasError) kept.set(chunks.length - 1 - suffix, before.length - 1 - suffix);
    suffix++;
  }
  return kept.size ? { rebaser, kept } : undefined;
}

/**
 * Kept statements whose contribution can stand in for their tree: everything but names bound with a type
 * annotation through `global` inside a function (the annotation is read in that function's scope).
 */
export function restorable(contribution: Contribution[]): boolean {
  return contribution.every((entry) => entry.scope === 'this' || entry.moduleContext || entry.typeText === undefined);
}

/** What the chunks outside `kept` contribute, by name ("m:redis", "t:client"): entries in file order, as JSON. */
export function contributionsByName(outputs: readonly ChunkOutputs[], kept: (index: number) => boolean, rebase: <T>(value: T) => T = (value) => value): Map<string, { entries: string[]; imports: boolean }> {
  const byName = new Map<string, { entries: string[]; imports: boolean }>();
  outputs.forEach((out, index) => {
    if (kept(index)) return;
    for (const entry of rebase(out.contribution)) {
      const key = `${entry.scope === 'module' ? 'm' : 't'}:${entry.name}`;
      let named = byName.get(key);
      if (!named) byName.set(key, (named = { entries: [], imports: false }));
      named.entries.push(JSON.stringify(entry));
      if (entry.kind === 'import') named.imports = true;
    }
  });
  return byName;
}

/** Names whose contributed entries differ (and the imports, when an import changed). */
export function changedNames(before: ReturnType<typeof contributionsByName>, after: ReturnType<typeof contributionsByName>): Set<string> {
  const changed = new Set<string>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(key);
    const now = after.get(key);
    const oldEntries = old?.entries ?? [];
    const newEntries = now?.entries ?? [];
    if (oldEntries.length === newEntries.length && oldEntries.every((entry, i) => entry === newEntries[i])) continue;
    changed.add(key);
    if (old?.imports || now?.imports) changed.add(IMPORTS_READ);
  }
  return changed;
}

/**
 * Whether a chunk's results depend on one of `names`: read by its calls or by its own contribution. Asked of
 * every kept chunk after an edit that changed a name, so nothing is allocated.
 */
export function readsAnyOf(out: ChunkOutputs, names: ReadonlySet<string>): boolean {
  for (const name of out.effects.names) if (names.has(name)) return true;
  for (const entry of out.contribution) {
    for (const name of entry.valueEffects.names) if (names.has(name)) return true;
    for (const name of entry.returnsEffects.names) if (names.has(name)) return true;
  }
  return false;
}
