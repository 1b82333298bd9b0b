/**
 * Collects the calls, bindings and returns of a syntax tree with the scope/loop context of each, from one
 * tree-sitter query (the hot path of the linter: no per-node JavaScript work for nodes nobody looks at).
 */
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { Effects } from './effects';
import type { FunctionInfo } from './model';
import { spanOf } from './spans';
import type { LanguageSyntax, RawBinding } from './syntax';

export const MODULE_SCOPE = -1;

export interface LoopFrame {
  node: Node;
  kind: 'for' | 'while';
  bodyStart: number;
  bodyEnd: number;
}

export interface ContextSnapshot {
  /** Scope ids, innermost first, ending with MODULE_SCOPE. */
  scopes: number[];
  /** Enclosing function node; its FunctionInfo is computed on demand (see functionInfo) as it costs many node reads. */
  fnNode?: Node;
  fnId: number;
  /** Loops inside the current function, outermost first. */
  loops: LoopFrame[];
  inClassBody: boolean;
}

export interface BoundName extends RawBinding {
  context: ContextSnapshot;
  /** The binding node (absent for bindings restored from an earlier analysis, see `resolved`). */
  node?: Node;
  /** Start offset of the binding node. */
  start: number;
  /** Answers an earlier analysis worked out for a statement an edit did not touch (no tree behind them). */
  resolved?: ResolvedBinding;
}

/** What the tracker concluded about a binding, kept across an edit. */
export interface ResolvedBinding {
  /** The binding's value: a client reference, or the tracker's "not a client" / "neutral" verdicts. */
  value: unknown;
  /** Client returned by the function the binding names, if any. */
  returns: unknown;
  /** Start offset of the function the binding names (function declarations and function-valued assignments). */
  functionStart?: number;
  /** What resolving the value and the returns reached and read (see ClientTracker's Effects). */
  valueEffects: Effects;
  returnsEffects: Effects;
}

/** How to collect a tree whose earlier analysis is partly reused: per top-level statement, some restored. */
export interface CollectPlan {
  chunks: { node: Node; restored?: { scope: 'module' | 'this'; binding: BoundName }[] }[];
}

export const MODULE_CONTEXT: ContextSnapshot = { scopes: [MODULE_SCOPE], fnId: MODULE_SCOPE, loops: [], inClassBody: false };

export interface RawCall {
  node: Node;
  /** Node type ("call", "call_expression", "new_expression"), known from the query without a Wasm call. */
  type: string;
  context: ContextSnapshot;
}

/** Bindings per scope id; a function's scope is read from the tree only when first asked for. */
export interface ScopeBindings {
  get(scope: number): ReadonlyMap<string, BoundName[]> | undefined;
  /** Whether function scopes are bound only when looked up (then `bound` cannot answer for them). */
  readonly lazy: boolean;
  /** Whether the name is bound in any scope read so far (every scope, unless lazy). */
  bound(name: string): boolean;
}

export interface Collected {
  calls: RawCall[];
  bindings: ScopeBindings;
  /** Attributes of self/this (and class-body names), keyed by attribute name. */
  thisBindings: Map<string, BoundName[]>;
  /** Return statements per function node start offset (their value is read by whoever needs it). */
  returns: Map<number, { statement: Node; context: ContextSnapshot }[]>;
  /** The time budget ran out before the tree was searched: the collection is empty or partial. */
  truncated: boolean;
}

function addBinding(map: Map<string, BoundName[]>, binding: BoundName): void {
  const list = map.get(binding.name);
  if (list) list.push(binding);
  else map.set(binding.name, [binding]);
}

const functionInfos = new WeakMap<Node, FunctionInfo>();
const functionHeads = new WeakMap<Node, { name: string; isAsync: boolean }>();

/**
 * A function's name and whether it is async, read from the tree once per function node: the FunctionInfo of its
 * Redis call sites and the calls between the file's functions (loopAndLocalCalls.ts) both ask for them.
 */
export function functionHead(node: Node, syntax: LanguageSyntax): { name: string; isAsync: boolean } {
  let head = functionHeads.get(node);
  if (!head) functionHeads.set(node, (head = { name: syntax.functionName(node), isAsync: syntax.isAsyncFunction(node) }));
  return head;
}

/**
 * The enclosing function of a context as plain data (computed once per function node, only for Redis-relevant
 * sites). Keyed by the node object, which every context inside the function (loops included) shares.
 */
export function functionInfo(context: ContextSnapshot, syntax: LanguageSyntax): FunctionInfo | undefined {
  const node = context.fnNode;
  if (!node) return undefined;
  let info = functionInfos.get(node);
  if (!info) {
    const head = functionHead(node, syntax);
    info = { name: head.name, span: spanOf(node), isRequestHandler: syntax.isRequestHandler(node), isAsync: head.isAsync };
    functionInfos.set(node, info);
  }
  return info;
}

/** Node types of interest per capture group; types a grammar does not know are left out of its query. */
const CAPTURE_GROUPS = {
  call: ['call', 'call_expression', 'new_expression'],
  function: ['function_definition', 'lambda', 'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function'],
  class: ['class_definition', 'class_declaration', 'class'],
  loop: ['for_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'while_statement', 'for_in_statement', 'do_statement'],
  binding: ['assignment', 'with_item', 'import_statement', 'import_from_statement', 'global_statement', 'return_statement', 'variable_declarator', 'assignment_expression', 'public_field_definition', 'field_definition', 'export_statement'],
};

/** A grammar's node types of interest. */
interface InterestingTypes {
  query: Query;
  types: string[];
  /** Types that are also the name of an anonymous node (the `class` keyword): a walk by type name finds both. */
  alsoAnonymous: Set<string>;
}

const interesting = new WeakMap<Language, InterestingTypes>();

/**
 * The node types per grammar, and one query that captures every node the analysis looks at. Finding them inside
 * tree-sitter is several times faster than stepping a cursor over every node from JavaScript.
 */
function interestingTypes(language: Language): InterestingTypes {
  let found = interesting.get(language);
  if (!found) {
    const types = [...new Set(Object.values(CAPTURE_GROUPS).flat().filter((type) => language.idForNodeType(type, true)))];
    // Each capture is named after its node type, so the collector reads types without a call into Wasm per node.
    const query = new Query(language, types.map((type) => `(${type}) @${type}`).join('\n'));
    const alsoAnonymous = new Set(types.filter((type) => language.idForNodeType(type, false)));
    found = { query, types, alsoAnonymous };
    interesting.set(language, found);
  }
  return found;
}

/** Nodes of the interesting types, named by type as the query's captures are. */
export interface InterestingNode {
  node: Node;
  type: string;
}

/** The query's captures of a subtree. Only the query stops at a timeout (it then returns nothing at all). */
export function nodesByQuery(language: Language, root: Node, remainingMs: number): InterestingNode[] {
  const captured = interestingTypes(language).query.captures(root, Number.isFinite(remainingMs) ? { timeoutMicros: Math.max(1, Math.floor(remainingMs * 1000)) } : {});
  return captured.map((capture) => ({ node: capture.node, type: capture.name }));
}

/**
 * The same nodes in the same order from tree-sitter's walk by type (`descendantsOfType`: one call into Wasm, and a
 * type read per node found), which costs about two thirds of the query's matching on a whole file, though more
 * per call (it looks up the grammar's every type name in JavaScript first). Both visit the tree in pre-order, so
 * a node comes before the nodes that start with it inside it.
 */
export function nodesByWalk(language: Language, root: Node): InterestingNode[] {
  const { types, alsoAnonymous } = interestingTypes(language);
  const found: InterestingNode[] = [];
  for (const node of root.descendantsOfType(types)) {
    if (!node) continue;
    const type = node.type;
    if (!alsoAnonymous.has(type) || node.isNamed) found.push({ node, type });
  }
  return found;
}

/** Below this many characters the walk's fixed cost is more than the query's matching it saves. */
const WALK_FROM_CHARS = 1024;

/**
 * Budget per character under which the query is used whatever the size, so that a timeout can still stop it:
 * about forty times what the walk costs on a loaded machine.
 */
const WALK_MICROS_PER_CHAR = 5;

function interestingNodes(language: Language, root: Node, remainingMs: number): InterestingNode[] {
  const chars = root.endIndex - root.startIndex;
  const walk = chars >= WALK_FROM_CHARS && (remainingMs === Infinity || remainingMs * 1000 > chars * WALK_MICROS_PER_CHAR);
  return walk ? nodesByWalk(language, root) : nodesByQuery(language, root, remainingMs);
}

/** A binding-introducing node whose names are read from the tree when its scope is first looked up. */
type Pending = { kind: 'bindings'; node: Node; type: string; context: ContextSnapshot } | { kind: 'parameters'; node: Node; context: ContextSnapshot };

/**
 * Whether a binding node can introduce a self/this attribute, judged from the source text at its start (no
 * call into Wasm): those must be bound during the walk, as every scope can read them.
 */
function mayBindAttribute(text: string, type: string, start: number, syntax: LanguageSyntax): boolean {
  if (syntax.family === 'python') return type === 'assignment' && (text.startsWith('self', start) || text.startsWith('cls', start));
  if (type === 'public_field_definition' || type === 'field_definition') return true;
  return type === 'assignment_expression' && text.startsWith('this', start);
}

/** A captured node with its offsets; `end` is -1 until read (see orderOuterFirst). */
export interface CapturedEntry {
  node: Node;
  type: string;
  start: number;
  end: number;
}

/** Functions, classes and loops: the collector keeps a frame for them until their end offset. */
function opensFrame(type: string, syntax: LanguageSyntax): boolean {
  return syntax.functionTypes.has(type) || syntax.classTypes.has(type) || syntax.forLoopTypes.has(type) || syntax.whileLoopTypes.has(type);
}

/**
 * Sorts captures by start offset and, among captures that start together, outer (longer) nodes first, so that
 * scopes open before what they contain; equal nodes keep their order. End offsets not read yet (-1) are read only
 * for captures that share their start with another, the only ones whose order or identity needs them.
 */
export function orderOuterFirst<T extends CapturedEntry>(entries: T[]): T[] {
  entries.sort((a, b) => a.start - b.start);
  for (let i = 0; i < entries.length; ) {
    let j = i + 1;
    while (j < entries.length && entries[j].start === entries[i].start) j++;
    if (j - i > 1) {
      for (let k = i; k < j; k++) if (entries[k].end < 0) entries[k].end = entries[k].node.endIndex;
      const run = entries.slice(i, j).sort((a, b) => b.end - a.end);
      for (let k = i; k < j; k++) entries[k] = run[k - i];
    }
    i = j;
  }
  return entries;
}

export function collect(tree: Tree, text: string, syntax: LanguageSyntax, deadline: number, plan?: CollectPlan): Collected {
  const calls: RawCall[] = [];
  const scopes = new Map<number, Map<string, BoundName[]>>([[MODULE_SCOPE, new Map()]]);
  const thisBindings = new Map<string, BoundName[]>();
  const returns = new Map<number, { statement: Node; context: ContextSnapshot }[]>();
  const globalsByScope = new Map<number, Set<string>>();
  // When most of the file is kept from an earlier analysis, function scopes are bound only when looked up.
  const lazy = plan !== undefined;
  const pending = new Map<number, Pending[]>();

  let context: ContextSnapshot = MODULE_CONTEXT;
  const frames: { end: number; restore: ContextSnapshot }[] = [];

  const bind = (raw: RawBinding, node: Node, at: ContextSnapshot) => {
    // bindingsOf/parametersOf make a new object per binding and keep none: it becomes the bound name in place.
    // Copying it (`{ ...raw, ... }`) was the costliest line of the collector, its objects being of many shapes.
    const bound = raw as BoundName;
    const attribute = raw.name.startsWith('this.');
    if (attribute) bound.name = raw.name.slice(5);
    bound.context = at;
    bound.node = node;
    bound.start = node.startIndex;
    if (attribute) {
      addBinding(thisBindings, bound);
      return;
    }
    if (at.inClassBody && raw.kind !== 'import') addBinding(thisBindings, bound);
    let scope = at.scopes[0];
    if (globalsByScope.get(scope)?.has(raw.name)) scope = MODULE_SCOPE;
    let map = scopes.get(scope);
    if (!map) scopes.set(scope, (map = new Map()));
    addBinding(map, bound);
  };

  const bindEntry = (entry: Pending) => {
    const raws = entry.kind === 'parameters' ? syntax.parametersOf(entry.node) : syntax.bindingsOf(entry.node, entry.type);
    for (const raw of raws) bind(raw, entry.node, entry.context);
  };

  /** Binds what a scope has deferred so far, in document order. */
  const materialize = (scope: number) => {
    const entries = pending.get(scope);
    if (!entries) return;
    pending.delete(scope);
    for (const entry of entries) bindEntry(entry);
  };

  const defer = (entry: Pending) => {
    const scope = entry.context.scopes[0];
    const list = pending.get(scope);
    if (list) list.push(entry);
    else pending.set(scope, [entry]);
  };

  /**
   * Scopes whose bindings can land elsewhere (module scope, class bodies, `global` names) are bound during the
   * walk. So is everything when the whole file is analysed: nearly every scope is then looked up anyway.
   */
  const eager = (at: ContextSnapshot) => !lazy || at.scopes[0] === MODULE_SCOPE || at.inClassBody || globalsByScope.has(at.scopes[0]);

  let names: Set<string> | undefined;
  const bindings: ScopeBindings = {
    get(scope) {
      materialize(scope);
      return scopes.get(scope);
    },
    lazy,
    bound(name) {
      if (!names) {
        names = new Set();
        for (const scope of scopes.values()) for (const bound of scope.keys()) names.add(bound);
      }
      return names.has(name);
    },
  };
  if (deadline - Date.now() <= 0) return { calls, bindings, thisBindings, returns, truncated: true };

  let truncated = false;
  /** Captures of one subtree, outer nodes first when two start at the same offset (scopes open before what they contain). */
  const capturesOf = (root: Node): CapturedEntry[] | undefined => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return undefined;
    const captured = interestingNodes(tree.language, root, remaining);
    // A query that hits its timeout returns nothing at all.
    if (captured.length === 0 && Date.now() >= deadline && root.namedChildCount > 0) return undefined;
    // Start offsets come with the captured nodes; an end offset is a call into Wasm, read only where it is used:
    // for nodes that open a scope or a loop (their frame ends there) and to order nodes that start together.
    const entries: CapturedEntry[] = captured.map(({ node, type }) => ({ node, type, start: node.startIndex, end: opensFrame(type, syntax) ? node.endIndex : -1 }));
    return orderOuterFirst(entries);
  };

  if (!plan) {
    const entries = capturesOf(tree.rootNode);
    if (entries) visit(entries);
    else truncated = true;
  } else {
    for (const chunk of plan.chunks) {
      if (chunk.restored) {
        for (const { scope, binding } of chunk.restored) addBinding(scope === 'this' ? thisBindings : scopes.get(MODULE_SCOPE)!, binding);
        continue;
      }
      const entries = truncated ? undefined : capturesOf(chunk.node);
      if (!entries) {
        truncated = true;
        break;
      }
      visit(entries);
    }
  }
  return { calls, bindings, thisBindings, returns, truncated };

  function visit(entries: CapturedEntry[]): void {
    let previous: (typeof entries)[number] | undefined;
    for (const entry of entries) {
      if (previous && previous.start === entry.start && previous.end === entry.end && previous.type === entry.type) continue;
      previous = entry;
      const { node, type } = entry;
      while (frames.length && frames[frames.length - 1].end <= entry.start) context = frames.pop()!.restore;

      if (syntax.callTypes.has(type)) calls.push({ node, type, context });
      if (type === 'global_statement') {
        const scope = context.scopes[0];
        // Names bound before the statement stay local; later ones go to the module scope.
        materialize(scope);
        let set = globalsByScope.get(scope);
        if (!set) globalsByScope.set(scope, (set = new Set()));
        for (const child of node.namedChildren) if (child) set.add(child.text);
      } else if (type === syntax.returnType) {
        // Module-level returns are never read.
        if (context.fnId !== MODULE_SCOPE) {
          const list = returns.get(context.fnId);
          if (list) list.push({ statement: node, context });
          else returns.set(context.fnId, [{ statement: node, context }]);
        }
      } else if (syntax.bindingTypes.has(type)) {
        const item: Pending = { kind: 'bindings', node, type, context };
        if (eager(context) || mayBindAttribute(text, type, entry.start, syntax)) {
          // A scope's earlier deferred names come first, as in the document.
          materialize(context.scopes[0]);
          bindEntry(item);
        } else defer(item);
      }

      if (syntax.functionTypes.has(type)) {
        frames.push({ end: entry.end, restore: context });
        context = { scopes: [node.startIndex, ...context.scopes], fnNode: node, fnId: node.startIndex, loops: [], inClassBody: false };
        // `() => new Redis(url)`: an arrow's expression body is what it returns.
        if (type === 'arrow_function' && node.childForFieldName('body')?.type !== 'statement_block') returns.set(node.startIndex, [{ statement: node, context }]);
        // TS constructor parameters with modifiers declare this.* fields: bind method parameters during the walk.
        const item: Pending = { kind: 'parameters', node, context };
        if (!lazy || (syntax.family === 'script' && type === 'method_definition')) bindEntry(item);
        else defer(item);
      } else if (syntax.classTypes.has(type)) {
        frames.push({ end: entry.end, restore: context });
        context = { ...context, inClassBody: true };
      } else if (syntax.forLoopTypes.has(type) || syntax.whileLoopTypes.has(type)) {
        const body = node.childForFieldName(syntax.forLoopTypes.get(type) ?? 'body');
        if (body) {
          // `for (;;)` is a worker loop like `while (true)`, not an iteration over items.
          const endless = type === 'for_statement' && /^for\s*\(\s*[^;]*;\s*;/.test(text.slice(entry.start, Math.min(entry.end, entry.start + 200)));
          const kind = syntax.forLoopTypes.has(type) && !endless ? 'for' : 'while';
          frames.push({ end: entry.end, restore: context });
          const clauseFrames: LoopFrame[] = [{ node, kind, bodyStart: body.startIndex, bodyEnd: body.endIndex }];
          // `[k for k in keys if r.exists(k)]`: a comprehension's filters run once per item, like its body.
          if (type !== 'for_statement') for (const clause of node.namedChildren) if (clause?.type === 'if_clause') clauseFrames.push({ node, kind, bodyStart: clause.startIndex, bodyEnd: clause.endIndex });
          context = { ...context, loops: [...context.loops, ...clauseFrames] };
        }
      }
    }
  }
}
