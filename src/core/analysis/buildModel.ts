/** Turns a syntax tree into the FileModel (call sites, client creations, listeners), reusing an earlier analysis after an edit. */
import type { Node, Tree } from 'web-tree-sitter';
import type { FileContext } from '../findings';
import type { SourceLanguage } from '../parsing/languages';
import { CallSiteBuilder } from './callSites';
import { ClientTracker } from './clientTracker';
import { moduleClientExports } from './moduleClientExports';
import { restoredBinding } from './restoredBinding';
import type { ClientRef } from './clientValues';
import { normalEffects, type Effects } from './effects';
import { MODULE_SCOPE, collect, type BoundName, type CollectPlan } from './collect';
import { changedNames, contributionsByName, planReuse, readsAnyOf, restorable, type Chunk, type ChunkOutputs, type IncrementalState, type ReusePlan } from './incremental';
import type { ClientCreation, FileModel, RedisCallSite } from './model';
import { evidenceKey } from './fileEvidence';
import { crossFileLoopSites } from './crossFileHelpers';
import { indirectLoopSites, redisFunctions, withAliases, type RedisFunction } from './indirectCalls';
import { pythonSyntax } from './pythonSyntax';
import { scriptSyntax } from './scriptSyntax';
import type { LanguageSyntax } from './syntax';
import type { WorkspaceLookup } from './workspaceLookup';
import { analyzeGoTree } from './go/goModel';
import { analyzeJavaTree } from './java/javaModel';
import { scriptState, type AnalysisState } from './analysisState';
import { queueConnectionListeners } from './queueConnections';

export interface AnalyzeOptions {
  path: string;
  language: SourceLanguage;
  context: FileContext;
  workspace?: WorkspaceLookup;
  /** Epoch milliseconds after which the walk stops (per-file time cap). */
  deadline?: number;
  /** The analysis of the document's previous text: statements an edit did not touch keep their results. */
  previous?: AnalysisState;
  /** Work out what the next analysis of this document can reuse (editors do; a one-off lint does not need it). */
  keepForReuse?: boolean;
}

export interface FileExport {
  name: string;
  ref: ClientRef;
  returnsClient: boolean;
  /** A function that creates a new client on every call (not one it keeps and hands out again). */
  fresh?: boolean;
}

export interface FileAnalysis {
  model: FileModel;
  exports: FileExport[];
  /** Non-command client calls (lock, register_script, defineCommand, transaction, pipeline, ...). */
  helperCalls: RedisCallSite[];
  /** The per-file time budget cut the analysis short. */
  truncated: boolean;
  /** What the next analysis of this document can reuse (absent when the analysis was cut short). */
  incremental?: AnalysisState;
  /** The file's functions that send one command per call, by name (summarised for other files' loops). */
  roundTripHelpers?: ReadonlyMap<string, RedisFunction>;
}

export function syntaxFor(language: SourceLanguage): LanguageSyntax {
  return language === 'python' ? pythonSyntax : scriptSyntax;
}

/** Top-level statements of the file, the unit of reuse across edits. */
function topLevelChunks(tree: Tree, text: string): { chunks: Chunk[]; nodes: Node[] } {
  const nodes = tree.rootNode.children.filter((child): child is Node => child !== null);
  if (!nodes.length) return { chunks: [{ start: 0, end: text.length + 1, type: '(empty)', hasError: tree.rootNode.hasError }], nodes: [tree.rootNode] };
  return { chunks: nodes.map((node) => ({ start: node.startIndex, end: node.endIndex, type: node.type, hasError: node.hasError })), nodes };
}

/**
 * One list of what every statement produced, in file order (as flatMap, which was a visible part of each
 * re-analysis of a large file: its outputs are joined six times per run).
 */
function joined<T>(outputs: readonly ChunkOutputs[], part: (out: ChunkOutputs) => readonly T[]): T[] {
  const all: T[] = [];
  for (const out of outputs) for (const item of part(out)) all.push(item);
  return all;
}

function emptyOutputs(): ChunkOutputs {
  return { callSites: [], loopCalls: [], localCalls: [], helperCalls: [], listeners: [], deserializations: [], effects: { creations: [], names: [] }, contribution: [] };
}

/**
 * Kept chunks that are certainly stale, known from the collected bindings alone, before any call is analysed. The
 * re-analysed chunks contribute one entry per module-level or self/this binding (see `contribute` below), so a name
 * bound a different number of times there than in the chunks they replace has changed entries, and every kept chunk
 * reading it would be found stale after the whole pass. A line typed at column 0 inside a function is such an edit:
 * the statements after it become module-level bindings (profile, total...) that split functions elsewhere read.
 * Names bound as often as before may still have changed; the check after the analysis finds those.
 */
function staleByBindingCount(previous: IncrementalState, plan: ReadonlyMap<number, number>, keptOutputs: ReadonlyMap<number, ChunkOutputs>, collected: ReturnType<typeof collect>, chunks: readonly Chunk[]): { stale: number[]; checked: ReadonlySet<string> } {
  const keptBefore = new Set(plan.values());
  const counts = new Map<string, number>();
  const add = (key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);
  previous.outputs.forEach((out, index) => {
    if (!keptBefore.has(index)) for (const entry of out.contribution) add(`${entry.scope === 'module' ? 'm' : 't'}:${entry.name}`, 1);
  });
  // The chunk a binding is attributed to, as `contribute` finds it (a binding outside every chunk goes to the next one).
  const chunkOf = (offset: number): number => chunkIndexFor(chunks, offset);
  for (const list of collected.bindings.get(MODULE_SCOPE)?.values() ?? []) for (const binding of list) if (!keptOutputs.has(chunkOf(binding.start))) add(`m:${binding.name}`, -1);
  for (const list of collected.thisBindings.values()) for (const binding of list) if (!keptOutputs.has(chunkOf(binding.start))) add(`t:${binding.name}`, -1);
  const changed = new Set<string>();
  for (const [key, count] of counts) if (count !== 0) changed.add(key);
  const stale: number[] = [];
  if (changed.size) for (const [index, out] of keptOutputs) if (readsAnyOf(out, changed)) stale.push(index);
  return { stale, checked: changed };
}

/** The top-level statement holding `offset` (chunks are sorted and disjoint), or the next one when none holds it. */
function chunkIndexFor(chunks: readonly Chunk[], offset: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (chunks[middle].end <= offset) low = middle + 1;
    else if (chunks[middle].start > offset) high = middle - 1;
    else return middle;
  }
  return Math.min(low, chunks.length - 1);
}

/** Statements kept from an earlier analysis may be found stale after all; then fewer are kept, a few times at most. */
const MAX_NARROWING = 3;

/**
 * The model of a file. With `previous` (the analysis of the document before its latest edit), top-level
 * statements the edit did not touch keep their results (see incremental.ts); the outcome is the same as a
 * whole-file analysis of this tree.
 */
export function analyzeTree(tree: Tree, text: string, options: AnalyzeOptions): FileAnalysis {
  // Go and Java have their own model builders (they share no syntax with the Python/JS collector).
  if (options.language === 'go') return analyzeGoTree(tree, text, options);
  if (options.language === 'java') return analyzeJavaTree(tree, text, options);
  const forReuse = options.keepForReuse === true || options.previous !== undefined;
  // Without reuse the file is one unit: its top-level statements are not even listed.
  const { chunks, nodes } = forReuse ? topLevelChunks(tree, text) : { chunks: [{ start: 0, end: Number.POSITIVE_INFINITY, type: '(file)', hasError: false }], nodes: [tree.rootNode] };
  const previous = scriptState(options.previous);
  const plan = previous ? planReuse(previous, { text, path: options.path, language: options.language, context: options.context, workspace: options.workspace }, chunks) : undefined;
  return analyzeWithPlan(tree, text, options, forReuse, chunks, nodes, plan && previous ? { ...plan, previous, moved: new Map() } : undefined, 0);
}

function analyzeWithPlan(
  tree: Tree,
  text: string,
  options: AnalyzeOptions,
  forReuse: boolean,
  chunks: Chunk[],
  nodes: Node[],
  plan: (ReusePlan & { previous: IncrementalState; moved: Map<number, { moved: ChunkOutputs; reach: number }> }) | undefined,
  narrowed: number,
): FileAnalysis {
  const syntax = syntaxFor(options.language);
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const previous = plan?.previous;
  const whole = () => analyzeWithPlan(tree, text, options, forReuse, chunks, nodes, undefined, narrowed);
  // Kept statements are not read from the tree at all when what they tell the rest of the file is known.
  const keptOutputs = new Map<number, ChunkOutputs>();
  const reach = chunks.map(() => -1);
  if (plan && previous) {
    for (const [index, before] of plan.kept) {
      // Most chunks refer to nothing after the edit (those before it): they are kept without a walk.
      if (plan.rebaser.untouched(previous.reach[before])) {
        keptOutputs.set(index, previous.outputs[before]);
        reach[index] = previous.reach[before];
      } else {
        // A narrowed pass keeps a subset of the chunks the pass before it moved: each is moved once.
        let known = plan.moved.get(before);
        if (!known) plan.moved.set(before, (known = plan.rebaser.measure(previous.outputs[before], (out) => plan.rebaser.outputs(out))));
        keptOutputs.set(index, known.moved);
        reach[index] = known.reach;
      }
    }
  }
  const collectPlan: CollectPlan | undefined = plan && {
    chunks: nodes.map((node, index) => {
      const kept = keptOutputs.get(index);
      if (!kept || !restorable(kept.contribution)) return { node };
      return { node, restored: kept.contribution.map((entry) => ({ scope: entry.scope, binding: restoredBinding(entry) })) };
    }),
  };
  const collected = collect(tree, text, syntax, deadline, collectPlan);
  const tracker = new ClientTracker(collected, syntax, options.path, options.workspace, forReuse);
  const escapedIdentities = new Set<string>();
  const exportedIdentities = new Set<string>();
  const workspace = options.workspace;
  const sites = new CallSiteBuilder(
    tracker,
    syntax,
    text,
    collected,
    // Only evidence for a file that never names Redis (CallSiteBuilder.facts): not asked otherwise, so that an
    // analysis recorded against a changing index (round one of indexing, recordedLookup.ts) does not depend on it.
    !/redis/i.test(text) && workspace?.usesRedis === true,
    workspace?.isRoundTripHelperName && ((name: string) => workspace.isRoundTripHelperName!(name)),
    workspace?.moduleMayListen && ((specifier: string) => workspace.moduleMayListen!(options.path, specifier)),
    syntax.family === 'python' && workspace?.picklingClasses ? () => workspace.picklingClasses!() : undefined,
    syntax.family === 'script' && workspace?.exportedBoundCommand ? (specifier: string, name: string) => workspace.exportedBoundCommand!(options.path, specifier, name) : undefined,
  );

  if (plan && collected.truncated) return whole();
  // Names the kept chunks were found not to read, before the analysis: the check after it skips them. Only asked
  // when the edit split or joined top-level statements: an edit inside one statement rarely rebinds a name.
  let checkedNames: ReadonlySet<string> | undefined;
  if (plan && previous && chunks.length !== previous.chunks.length) {
    const { stale, checked } = staleByBindingCount(previous, plan.kept, keptOutputs, collected, chunks);
    checkedNames = checked;
    if (stale.length) {
      if (narrowed >= MAX_NARROWING || stale.length * 2 > keptOutputs.size) return whole();
      const kept = new Map(plan.kept);
      for (const index of stale) kept.delete(index);
      return analyzeWithPlan(tree, text, options, forReuse, chunks, nodes, { ...plan, kept }, narrowed + 1);
    }
  }
  // Unpickling followed through the file's own functions (pickleFlow.ts) reads every statement of the file.
  if (plan && sites.followsPickleAcrossFunctions()) return whole();
  const outputs = chunks.map(emptyOutputs);
  // Calls and bindings outside every top-level statement cannot happen in a well-formed tree; if they do, the
  // analysis is still complete but is not offered for reuse.
  let reusable = forReuse && !collected.truncated;
  const chunkAt = (offset: number): number => {
    const index = chunkIndexFor(chunks, offset);
    const chunk = chunks[index];
    if (!chunk || offset < chunk.start || offset >= chunk.end) reusable = false;
    return index;
  };

  let chunkIndex = 0;
  for (const call of collected.calls) {
    const start = call.node.startIndex;
    while (chunkIndex < chunks.length - 1 && chunks[chunkIndex].end <= start) chunkIndex++;
    if (chunks[chunkIndex].start > start || chunks[chunkIndex].end <= start) reusable = false;
    if (keptOutputs.has(chunkIndex)) continue;
    const out = outputs[chunkIndex];
    tracker.effects = out.effects;
    sites.analyzeCall(call, out);
  }
  tracker.effects = undefined;
  sites.markReplyDependentLoops();
  // A module-level deserializer may read a variable assigned from Redis in any statement: only a full run sees them all.
  if (plan && sites.hasModuleLevelDeserializer()) return whole();
  sites.addDeserializations(tree.rootNode, (offset) => outputs[chunkAt(offset)]);
  for (const [index, kept] of keptOutputs) outputs[index] = kept;

  const exportEffects: Effects = { creations: [], names: [] };
  tracker.effects = exportEffects;
  const exports = moduleClientExports(tracker, collected);
  tracker.effects = undefined;

  // What each analysed statement tells the others; computed after the outputs so it cannot add to them.
  const contribute = (binding: BoundName, scope: 'module' | 'this') => {
    const index = chunkAt(binding.start);
    if (!keptOutputs.has(index)) outputs[index].contribution.push(tracker.contribution(binding, scope));
  };
  if (forReuse) {
    for (const list of collected.bindings.get(MODULE_SCOPE)?.values() ?? []) for (const binding of list) contribute(binding, 'module');
    for (const list of collected.thisBindings.values()) for (const binding of list) contribute(binding, 'this');
  }
  if (plan && previous) {
    // A kept statement read names from the rest of the file: if what the re-analysed statements contribute under
    // one of those names changed, the kept statement is stale and is analysed again.
    const keptBefore = new Set(plan.kept.values());
    const changed = changedNames(
      contributionsByName(previous.outputs, (index) => keptBefore.has(index), (value) => plan.rebaser.value(value)),
      contributionsByName(outputs, (index) => keptOutputs.has(index)),
    );
    if ([...changed].some((name) => !checkedNames?.has(name))) {
      const stale: number[] = [];
      for (const [index, out] of keptOutputs) if (readsAnyOf(out, changed)) stale.push(index);
      if (stale.length) {
        // When most kept statements read the changed names (a shared client was edited), one pass over the whole tree is cheaper.
        if (narrowed >= MAX_NARROWING || stale.length * 2 > keptOutputs.size) return whole();
        const kept = new Map(plan.kept);
        for (const index of stale) kept.delete(index);
        return analyzeWithPlan(tree, text, options, forReuse, chunks, nodes, { ...plan, kept }, narrowed + 1);
      }
    }
  }

  // A creation belongs to the model when some call or export reached it (duplicate()/master_for() results count
  // only when used); by offset, so kept and re-analysed statements agree.
  const known = new Map<number, ClientCreation>();
  if (plan && previous) for (const [offset, creation] of previous.creations) known.set(plan.rebaser.offset(offset), plan.rebaser.value(creation));
  for (const creation of tracker.creations) known.set(creation.callSpan.startOffset, creation);
  const reached = new Set(exportEffects.creations);
  for (const out of outputs) for (const offset of out.effects.creations) reached.add(offset);
  const creations: ClientCreation[] = [];
  for (const offset of [...reached].sort((a, b) => a - b)) {
    const creation = known.get(offset);
    if (creation) creations.push(creation);
    else reusable = false;
  }
  // Creations a contribution reaches (kept for the statements that will read it after the next edit).
  const keptCreations = new Map<number, ClientCreation>();
  if (forReuse) {
    const keep = (offset: number) => {
      const creation = known.get(offset);
      if (creation) keptCreations.set(offset, creation);
    };
    for (const offset of reached) keep(offset);
    for (const out of outputs) for (const entry of out.contribution) for (const offset of [...entry.valueEffects.creations, ...entry.returnsEffects.creations]) keep(offset);
    // What the re-analysed statements reached and read, without repeats, for the next edit's checks.
    outputs.forEach((out, index) => {
      if (!keptOutputs.has(index)) out.effects = normalEffects(out.effects);
    });
  }
  // Only the TS/JS error-listener rule needs to know where clients are handed over.
  if (syntax.family === 'script') sites.noteEscapes(creations, escapedIdentities, exportedIdentities);

  const callSites = joined(outputs, (out) => out.callSites);
  const loopCalls = joined(outputs, (out) => out.loopCalls);
  const roundTripHelpers = redisFunctions(callSites, joined(outputs, (out) => out.localCalls), text);
  // A name the file binds to a helper (`SET_CACHE = set_cache`) reaches it in a loop too.
  const indirectCallSites = indirectLoopSites(syntax.family, callSites, loopCalls, [], withAliases(roundTripHelpers, text));
  const seenLoops = new Set(indirectCallSites.map((site) => site.loop!.span.startOffset));
  indirectCallSites.push(...crossFileLoopSites(syntax.family, loopCalls, options.path, text, options.workspace, roundTripHelpers, seenLoops));
  const model: FileModel = {
    path: options.path,
    language: options.language,
    context: options.context,
    text,
    callSites,
    indirectCallSites,
    creations,
    listeners: syntax.family === 'script' ? [...joined(outputs, (out) => out.listeners), ...queueConnectionListeners(text, options.path, options.workspace)] : joined(outputs, (out) => out.listeners),
    importedModules: tracker.importedModules,
    deserializations: joined(outputs, (out) => out.deserializations),
    escapedIdentities,
    exportedIdentities,
  };
  const incremental: IncrementalState | undefined = reusable
    ? { text, path: options.path, language: options.language, context: options.context, workspace: options.workspace, workspaceGeneration: options.workspace?.generation, chunks, outputs, creations: keptCreations, reach, reusedChunks: keptOutputs.size, evidence: evidenceKey(text) }
    : undefined;
  return { model, exports, helperCalls: joined(outputs, (out) => out.helperCalls), truncated: collected.truncated, incremental, roundTripHelpers };

}
