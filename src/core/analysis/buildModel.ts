/** Turns a syntax tree into the FileModel: Redis call sites, client creations, listeners, write sites. */
import type { Node, Tree } from 'web-tree-sitter';
import type { FileContext } from '../findings';
import type { SourceLanguage } from '../parsing/languages';
import { argFromNode } from './argumentValues';
import { ClientTracker, normalEffects, type ClientRef, type Effects } from './clientTracker';
import { MODULE_SCOPE, collect, functionInfo, type BoundName, type CollectPlan, type ContextSnapshot, type RawCall } from './collect';
import { CONTAINER_COMMANDS, GENERIC_COMMAND_METHODS, commandForMethod, commandFromName } from './commandNames';
import { changedNames, contributionsByName, planReuse, readsOf, restorable, type Chunk, type ChunkOutputs, type IncrementalState, type ReusePlan } from './incremental';
import type { Arg, ClientCreation, Deserialization, FileModel, LoopInfo, ReceiverInfo, RedisCallSite } from './model';
import { pythonSyntax } from './pythonSyntax';
import { loopDependsOnReply } from './replyDependence';
import { scriptSyntax } from './scriptSyntax';
import { spanOf } from './spans';
import type { CalleeHint, LanguageSyntax } from './syntax';
import type { WorkspaceLookup } from './workspaceLookup';

export interface AnalyzeOptions {
  path: string;
  language: SourceLanguage;
  context: FileContext;
  workspace?: WorkspaceLookup;
  /** Epoch milliseconds after which the walk stops (per-file time cap). */
  deadline?: number;
  /** The analysis of the document's previous text: statements an edit did not touch keep their results. */
  previous?: IncrementalState;
  /** Work out what the next analysis of this document can reuse (editors do; a one-off lint does not need it). */
  keepForReuse?: boolean;
}

export interface FileExport {
  name: string;
  ref: ClientRef;
  returnsClient: boolean;
}

export interface FileAnalysis {
  model: FileModel;
  exports: FileExport[];
  /** Non-command client calls (lock, register_script, defineCommand, transaction, pipeline, ...). */
  helperCalls: RedisCallSite[];
  /** The per-file time budget cut the analysis short. */
  truncated: boolean;
  /** What the next analysis of this document can reuse (absent when the analysis was cut short). */
  incremental?: IncrementalState;
}

/** Receivers whose name strongly suggests Redis when the file imports a Redis library. */
const REDIS_NAME = /^_?(redis|redis_?client|redis_?conn(ection)?|redis_?db|rdb|redis_?cache|redis_?instance|redis_?pool_?client)$/i;
const DESERIALIZERS = /^(pickle|cPickle|_pickle|dill|cloudpickle)\.loads?$/;
/** Method names that create, derive or listen to clients, or deserialize (besides Redis command names). */
const INTERESTING_METHODS = new Set([
  'Redis', 'StrictRedis', 'RedisCluster', 'ConnectionPool', 'BlockingConnectionPool', 'Sentinel', 'from_url', 'create_redis_pool', 'create_redis',
  'create_connection', 'get_redis_connection', 'createClient', 'createCluster', 'createClientPool', 'createSentinel', 'Cluster', 'duplicate',
  'connect', 'pipeline', 'multi', 'pubsub', 'client', 'master_for', 'slave_for', 'on', 'once', 'addListener', 'prependListener', 'loads',
  'lock', 'register_script', 'defineCommand', 'transaction', 'execute', 'exec', 'execAsPipeline', 'withOptions', 'withTypeMapping', 'withCommandOptions',
  'sendCommand', 'execute_command', 'call', 'send_command', 'callBuffer',
]);

/** Batch control commands are structure, not work: rules read them from helperCalls. */
const BATCH_CONTROL = new Set(['MULTI', 'EXEC', 'DISCARD']);
const AWAIT_TYPES = new Set(['await', 'await_expression']);

export function syntaxFor(language: SourceLanguage): LanguageSyntax {
  return language === 'python' ? pythonSyntax : scriptSyntax;
}

/** Top-level statements of the file, the unit of reuse across edits. */
function topLevelChunks(tree: Tree, text: string): { chunks: Chunk[]; nodes: Node[] } {
  const nodes = tree.rootNode.children.filter((child): child is Node => child !== null);
  if (!nodes.length) return { chunks: [{ start: 0, end: text.length + 1, type: '(empty)', hasError: tree.rootNode.hasError }], nodes: [tree.rootNode] };
  return { chunks: nodes.map((node) => ({ start: node.startIndex, end: node.endIndex, type: node.type, hasError: node.hasError })), nodes };
}

function emptyOutputs(): ChunkOutputs {
  return { callSites: [], helperCalls: [], listeners: [], deserializations: [], effects: { creations: [], names: [] }, contribution: [] };
}

/** Statements kept from an earlier analysis may be found stale after all; then fewer are kept, a few times at most. */
const MAX_NARROWING = 3;

/**
 * The model of a file. With `previous` (the analysis of the document before its latest edit), top-level
 * statements the edit did not touch keep their results (see incremental.ts); the outcome is the same as a
 * whole-file analysis of this tree.
 */
export function analyzeTree(tree: Tree, text: string, options: AnalyzeOptions): FileAnalysis {
  const forReuse = options.keepForReuse === true || options.previous !== undefined;
  // Without reuse the file is one unit: its top-level statements are not even listed.
  const { chunks, nodes } = forReuse ? topLevelChunks(tree, text) : { chunks: [{ start: 0, end: Number.POSITIVE_INFINITY, type: '(file)', hasError: false }], nodes: [tree.rootNode] };
  const previous = options.previous;
  const plan = previous ? planReuse(previous, { text, path: options.path, language: options.language, context: options.context, workspace: options.workspace }, chunks) : undefined;
  return analyzeWithPlan(tree, text, options, forReuse, chunks, nodes, plan && previous ? { ...plan, previous } : undefined, 0);
}

function analyzeWithPlan(
  tree: Tree,
  text: string,
  options: AnalyzeOptions,
  forReuse: boolean,
  chunks: Chunk[],
  nodes: Node[],
  plan: (ReusePlan & { previous: IncrementalState }) | undefined,
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
        const { moved, reach: movedReach } = plan.rebaser.measure(previous.outputs[before], (out) => plan.rebaser.outputs(out));
        keptOutputs.set(index, moved);
        reach[index] = movedReach;
      }
    }
  }
  const collectPlan: CollectPlan | undefined = plan && {
    chunks: nodes.map((node, index) => {
      const kept = keptOutputs.get(index);
      if (!kept || !restorable(kept.contribution)) return { node };
      return { node, restored: kept.contribution.map((entry) => ({ scope: entry.scope, binding: ClientTracker.restore(entry) })) };
    }),
  };
  const collected = collect(tree, text, syntax, deadline, collectPlan);
  const tracker = new ClientTracker(collected, syntax, options.path, options.workspace, forReuse);
  const escapedIdentities = new Set<string>();
  const exportedIdentities = new Set<string>();
  const pickleCandidates: { call: RawCall; fn: string; out: ChunkOutputs }[] = [];
  const siteByOffset = new Map<number, RedisCallSite>();
  const sitesInLoops: { site: RedisCallSite; call: Node; loop: Node }[] = [];

  if (plan && collected.truncated) return whole();
  const outputs = chunks.map(emptyOutputs);
  // Calls and bindings outside every top-level statement cannot happen in a well-formed tree; if they do, the
  // analysis is still complete but is not offered for reuse.
  let reusable = forReuse && !collected.truncated;
  const chunkAt = (offset: number): number => {
    let low = 0;
    let high = chunks.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (chunks[middle].end <= offset) low = middle + 1;
      else if (chunks[middle].start > offset) high = middle - 1;
      else return middle;
    }
    reusable = false;
    return Math.min(low, chunks.length - 1);
  };

  let chunkIndex = 0;
  for (const call of collected.calls) {
    const start = call.node.startIndex;
    while (chunkIndex < chunks.length - 1 && chunks[chunkIndex].end <= start) chunkIndex++;
    if (chunks[chunkIndex].start > start || chunks[chunkIndex].end <= start) reusable = false;
    if (keptOutputs.has(chunkIndex)) continue;
    const out = outputs[chunkIndex];
    tracker.effects = out.effects;
    analyzeCall(call, out);
  }
  tracker.effects = undefined;
  markReplyDependentLoops();
  // A module-level deserializer may read a variable assigned from Redis in any statement: only a full run sees them all.
  if (plan && pickleCandidates.some(({ call }) => call.context.scopes[0] === MODULE_SCOPE)) return whole();
  for (const { call, fn, out } of pickleCandidates) out.deserializations.push(deserialization(call, fn));
  for (const [index, kept] of keptOutputs) outputs[index] = kept;

  const exportEffects: Effects = { creations: [], names: [] };
  tracker.effects = exportEffects;
  const exports = tracker.moduleExports();
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
    if (changed.size) {
      const stale = [...keptOutputs].filter(([, out]) => readsOf(out).some((name) => changed.has(name))).map(([index]) => index);
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
  if (syntax.family === 'script') noteEscapes(creations);

  const model: FileModel = {
    path: options.path,
    language: options.language,
    context: options.context,
    text,
    callSites: outputs.flatMap((out) => out.callSites),
    creations,
    listeners: outputs.flatMap((out) => out.listeners),
    importedModules: tracker.importedModules,
    deserializations: outputs.flatMap((out) => out.deserializations),
    escapedIdentities,
    exportedIdentities,
  };
  const incremental: IncrementalState | undefined = reusable
    ? { text, path: options.path, language: options.language, context: options.context, workspace: options.workspace, workspaceGeneration: options.workspace?.generation, chunks, outputs, creations: keptCreations, reach, reusedChunks: keptOutputs.size }
    : undefined;
  return { model, exports, helperCalls: outputs.flatMap((out) => out.helperCalls), truncated: collected.truncated, incremental };

  function analyzeCall(call: RawCall, out: ChunkOutputs): void {
    const hint = worthResolving(call);
    if (!hint) return;
    const parts = tracker.partsOf(call.node, hint);
    if (!parts) return;
    if (tracker.creationAt(call.node, call.context)) return;
    // Only `<module>.load(s)` can be a deserializer: the dotted path (several node reads) is built for those alone.
    if (syntax.family === 'python' && (parts.property === 'loads' || parts.property === 'load')) {
      const path = syntax.dottedPath(parts.callee);
      if (path && DESERIALIZERS.test(path) && (!parts.object || tracker.isImportedName(path.split('.')[0], call.context))) pickleCandidates.push({ call, fn: path, out });
    }
    if (!parts.object || !parts.property) return;
    const receiver = receiverOf(parts.object, call.context);
    if (!receiver) return;
    const method = parts.property;
    if (method === 'on' || method === 'once' || method === 'addListener' || method === 'prependListener') {
      const event = parts.args[0] ? syntax.evaluate(parts.args[0]) : undefined;
      if (event?.kind === 'string') out.listeners.push({ identity: receiver.identity, event: event.value, span: spanOf(call.node) });
      return;
    }
    if (receiver.kind === 'pool' || receiver.kind === 'sentinel') return;
    const site = buildSite(call, parts, receiver, method);
    if (site.command && !BATCH_CONTROL.has(site.command)) {
      out.callSites.push(site);
      siteByOffset.set(call.node.startIndex, site);
      // Only unbatched commands on a client can make an N+1 loop; the rest need no dependence check.
      const candidate = site.loop && !site.batched && (receiver.kind === 'client' || receiver.kind === 'cluster') && (syntax.family === 'python' || site.awaited);
      const loopNode = candidate && innermostForLoop(call)?.node;
      if (loopNode) sitesInLoops.push({ site, call: call.node, loop: loopNode });
    } else out.helperCalls.push(site);
  }

  function receiverOf(object: Node, context: ContextSnapshot): ReceiverInfo | undefined {
    const ref = tracker.resolve(object, context);
    if (ref) return { kind: ref.kind, library: ref.library, confidence: 'proven', text: object.text, creation: ref.creation, identity: ref.identity, origin: ref.origin, async: ref.async };
    const path = syntax.dottedPath(object);
    if (!path || !tracker.importsRedis) return undefined;
    const segments = path.split('.');
    if (segments.length > 2 || (segments.length === 2 && segments[0] !== syntax.selfName)) return undefined;
    const last = segments[segments.length - 1];
    if (!REDIS_NAME.test(last)) return undefined;
    if (segments.length === 1 && (tracker.isImportedName(last, context) || tracker.isKnownNonClient(last, context))) return undefined;
    const library = syntax.family === 'python' ? 'redis-py' : [...tracker.importedModules].includes('ioredis') ? 'ioredis' : 'node-redis';
    return { kind: 'client', library, confidence: 'likely', text: object.text, identity: `name:${path}`, origin: 'name', async: syntax.family === 'script' };
  }

  /** Statement for-loops whose round trips depend on earlier replies (retry, poll, paging) cannot be batched. */
  function markReplyDependentLoops(): void {
    const byLoop = new Map<number, typeof sitesInLoops>();
    for (const entry of sitesInLoops) {
      if (entry.loop.type !== 'for_statement' && entry.loop.type !== 'for_in_statement') continue;
      const list = byLoop.get(entry.loop.startIndex) ?? [];
      list.push(entry);
      byLoop.set(entry.loop.startIndex, list);
    }
    for (const entries of byLoop.values()) {
      const loop = entries[0].loop;
      const body = loop.childForFieldName('body');
      if (!body) continue;
      const calls = entries.map((entry) => entry.call);
      const dependent = entries.some((entry) => loopDependsOnReply(loop, body, entry.call, calls));
      for (const entry of entries) entry.site.loop!.dependsOnReply = dependent;
    }
  }

  /**
   * Clients handed to other code (passed as an argument, returned, shorthand in an options object) may get
   * their listeners there. A textual check per bound creation keeps this off the per-call hot path; it can
   * only make findings rarer, never add one.
   */
  function noteEscapes(creations: ClientCreation[]): void {
    for (const creation of creations) {
      const name = creation.binding;
      if (!name || name.startsWith('this.')) continue;
      const identity = `creation:${creation.callSpan.startOffset}`;
      const escaped = name.replace(/[$]/g, '\\$');
      const uses = new RegExp(`(?:[(,]\\s*${escaped}\\s*[,)]|\\{\\s*${escaped}\\s*[,}]|,\\s*${escaped}\\s*\\}|:\\s*${escaped}\\s*[,}]|return\\s+${escaped}\\b(?!\\s*[.(\\[?])|export\\s+default\\s+${escaped}\\b|exports(?:\\.\\w+)?\\s*=\\s*${escaped}\\b)`, 'g');
      for (let match = uses.exec(text); match; match = uses.exec(text)) {
        const before = text.slice(Math.max(0, match.index - 200), match.index + 1);
        // Exports are judged with the workspace index (listeners in importing files); other uses hand the client over.
        if (/^export/.test(match[0]) || /(module\.exports\s*=\s*\{[^}]*|export\s*\{[^}]*|export\s+default\s|exports(\.\w+)?\s*=\s)$/.test(before)) exportedIdentities.add(identity);
        else escapedIdentities.add(identity);
      }
    }
  }

  /**
   * Cheap filter before the expensive node reads: only calls that could involve a Redis client. Returns the
   * callee reads it made, so the call parts reuse them instead of crossing into Wasm again.
   */
  function worthResolving(call: RawCall): CalleeHint | undefined {
    const node = call.node;
    const callee = node.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
    if (!callee) return undefined;
    const type = callee.type;
    if (type === 'attribute' || type === 'member_expression') {
      const propertyNode = callee.childForFieldName(type === 'attribute' ? 'attribute' : 'property');
      const property = propertyNode?.text;
      const name = property ?? '';
      const worth = INTERESTING_METHODS.has(name) || commandForMethod(name) !== undefined || call.type === 'new_expression';
      return worth ? { callType: call.type, callee, calleeType: type, propertyNode, property } : undefined;
    }
    if (type === 'identifier') return tracker.hasBinding(callee.text, call.context) ? { callType: call.type, callee, calleeType: type } : undefined;
    return undefined;
  }

  function buildSite(call: RawCall, parts: NonNullable<ReturnType<LanguageSyntax['callParts']>>, receiver: ReceiverInfo, method: string): RedisCallSite {
    const family = syntax.family;
    let args: Arg[] = parts.args.map((a) => argFromNode(a, family));
    const keywords: Record<string, Arg> = {};
    for (const keyword of parts.keywords) keywords[keyword.name] = argFromNode(keyword.value, family, keyword.name, keyword.node);
    let command: string | undefined;
    if (GENERIC_COMMAND_METHODS.has(method)) {
      const first = args[0];
      if (first?.value.kind === 'string') {
        command = commandFromName(first.value.value, args[1]?.value.kind === 'string' ? args[1].value.value : undefined);
        args = args.slice(command?.includes(' ') && !first.value.value.includes(' ') ? 2 : 1);
      } else if (first?.value.kind === 'array' && first.value.items[0]?.value.kind === 'string') {
        const items = first.value.items;
        const name = items[0].value.kind === 'string' ? items[0].value.value : '';
        const sub = items[1]?.value.kind === 'string' ? items[1].value.value : undefined;
        command = commandFromName(name, sub);
        args = items.slice(command?.includes(' ') ? 2 : 1);
      }
    } else {
      command = commandForMethod(method);
      if (command && CONTAINER_COMMANDS.has(command) && args[0]?.value.kind === 'string') {
        command = `${command} ${args[0].value.value.toUpperCase()}`;
        args = args.slice(1);
      }
    }
    let outer = call.node;
    let awaited = false;
    // Each `.parent` read walks down from the root inside Wasm: the loop keeps the last one for outerParent.
    let outerParent = outer.parent;
    let outerParentType = outerParent?.type;
    while (outerParent && outerParentType !== undefined && (AWAIT_TYPES.has(outerParentType) || outerParentType === 'parenthesized_expression')) {
      if (AWAIT_TYPES.has(outerParentType)) awaited = true;
      outer = outerParent;
      outerParent = outer.parent;
      outerParentType = outerParent?.type;
    }
    const statement = outerParentType === 'expression_statement' ? outerParent! : undefined;
    const statementNode = statement ?? call.node;
    const statementStart = statementNode.startIndex;
    // Line boundaries from node positions, never by scanning the text (minified files are one long line).
    const lineStart = statementStart - statementNode.startPosition.column;
    let statementSpan;
    if (statement && /^[ \t]*$/.test(text.slice(lineStart, statement.startIndex))) {
      // endIndex and endPosition are Wasm calls: read once.
      const statementEnd = statement.endIndex;
      const tail = text.slice(statementEnd, statementEnd + 200);
      const newline = tail.indexOf('\n');
      const rest = newline < 0 ? tail : tail.slice(0, newline);
      const atEnd = newline < 0 && statementEnd + tail.length >= text.length;
      if ((newline >= 0 || atEnd) && /^[ \t;\r]*$/.test(rest)) {
        const row = statement.startPosition.row;
        const endOffset = newline < 0 ? text.length : statementEnd + newline + 1;
        const endPosition = statement.endPosition;
        statementSpan = {
          start: { line: row, column: 0 },
          end: newline < 0 ? { line: endPosition.row, column: endPosition.column + rest.length } : { line: endPosition.row + 1, column: 0 },
          startOffset: lineStart,
          endOffset,
        };
      }
    }
    const start = call.node.startIndex;
    const callSpan = spanOf(call.node);
    const forLoop = innermostForLoop(call);
    const anyLoop = [...call.context.loops].reverse().find((l) => start >= l.bodyStart && start < l.bodyEnd);
    const loop: LoopInfo | undefined = forLoop ? { span: spanOf(forLoop.node), literalLength: syntax.literalIterationCount(forLoop.node), dependsOnReply: false } : undefined;
    const isLoopIterable =
      !!outerParent && (outerParentType === 'for_statement' || outerParentType === 'for_in_statement' || outerParentType === 'for_in_clause') && outerParent.childForFieldName('right')?.startIndex === outer.startIndex;
    return {
      command: command ?? '',
      method,
      receiver,
      args,
      keywords,
      span: spanOf(parts.propertyNode ?? parts.callee),
      callSpan,
      expressionSpan: outer === call.node ? { ...callSpan, start: { ...callSpan.start }, end: { ...callSpan.end } } : spanOf(outer),
      statementSpan,
      indentation: /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0],
      blockId: statement?.parent?.startIndex ?? -1,
      enclosingFunction: functionInfo(call.context, syntax),
      loop,
      anyLoop: anyLoop ? spanOf(anyLoop.node) : undefined,
      isLoopIterable,
      awaited,
      batched: receiver.kind === 'pipeline' || receiver.kind === 'transaction',
      inTransaction: receiver.kind === 'transaction',
    };
  }

  function innermostForLoop(call: RawCall) {
    const start = call.node.startIndex;
    return [...call.context.loops].reverse().find((l) => l.kind === 'for' && start >= l.bodyStart && start < l.bodyEnd);
  }

  function deserialization(call: RawCall, fn: string): Deserialization {
    const parts = tracker.partsOf(call.node)!;
    const result: Deserialization = { function: fn, span: spanOf(call.node), fromRedis: false };
    const first = parts.args[0] ? syntax.unwrap(parts.args[0]) : undefined;
    if (!first) return result;
    let site = siteByOffset.get(first.startIndex);
    if (!site && first.type === 'identifier') {
      const assignments = collected.bindings.get(call.context.scopes[0])?.get(first.text) ?? [];
      for (const binding of assignments) {
        if (binding.kind !== 'assign' || !binding.value || binding.value.startIndex > call.node.startIndex) continue;
        site = siteByOffset.get(syntax.unwrap(binding.value).startIndex) ?? site;
      }
    }
    if (site) {
      result.fromRedis = true;
      result.readCommand = site.command;
    }
    return result;
  }
}
